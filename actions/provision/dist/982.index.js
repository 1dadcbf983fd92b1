export const id = 982;
export const ids = [982];
export const modules = {

/***/ 982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exactNumberTag: () => (/* binding */ exactNumberTag),
/* harmony export */   inexactNumber: () => (/* binding */ inexactNumber)
/* harmony export */ });
/**
 * A YAML tag for plain scalars that YAML reads as numbers, which refuses the ones whose number is
 * not the one written: 012345678901 (an AWS account ID) reads as 12345678901, 0x1F as 31, .inf and
 * .nan have no JSON form (JSON.stringify writes null), and 21 digits keep only a double's 17. A
 * value handed on as JSON would carry the changed number without a word; quoted, it stays as typed.
 */
// Every plain scalar the YAML 1.2 core schema resolves as an int or a float.
const YAML_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
// The smallest positive double with a full 53-bit significand (2 ** -1022).
const MIN_NORMAL = 2.2250738585072014e-308;
/** The significant digits of a decimal number as written, without leading or trailing zeros. */
const significant = (text) => text
    .replace(/[eE].*$/, '')
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
/**
 * Why `text` does not read as the number written, or undefined when it does. Said without the
 * number, either as written or as read: it may be a secret, which nothing has masked yet (the
 * module that says which variables are sensitive is read later), and YAML's error names its place.
 */
function inexactNumber(text) {
    if (/^0[ox]/.test(text))
        return 'that YAML reads in base 16 or 8 (0x, 0o), not as written';
    if (/^[-+]?\.(?:inf|nan)$/i.test(text))
        return 'that JSON cannot hold';
    if (/^[-+]?0[0-9]/.test(text))
        return 'that YAML reads without its leading zeros';
    const value = Number(text);
    if (!Number.isFinite(value))
        return 'that JSON cannot hold';
    const digits = significant(text);
    // Below the smallest normal double a number keeps fewer digits, down to none (1e-400 reads as 0):
    // judged by the JSON text written for it.
    if (digits !== '' && Math.abs(value) < MIN_NORMAL && significant(String(value)) !== digits)
        return 'smaller than a number here keeps';
    // A double keeps 15 significant digits for sure; past that, only when they round-trip.
    if (digits.length > 15 && significant(value.toPrecision(Math.min(digits.length, 100))) !== digits)
        return 'with more digits than a number here keeps';
    return undefined;
}
/** For yaml's `customTags`: tried before the schema's own int and float tags. */
const exactNumberTag = {
    tag: 'tag:yaml.org,2002:float',
    default: true,
    test: YAML_NUMBER,
    resolve(text, onError) {
        const problem = inexactNumber(text);
        if (problem === undefined)
            return Number(text);
        onError(`a plain number ${problem} (quote it to pass it as written)`);
        return text;
    }
};


/***/ })

};
