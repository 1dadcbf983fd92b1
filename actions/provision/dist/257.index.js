export const id = 257;
export const ids = [257];
export const modules = {

/***/ 2257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findOnPath: () => (/* binding */ findOnPath),
  installTerraform: () => (/* binding */ installTerraform),
  versionOf: () => (/* binding */ versionOf)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/terraform/release.ts


/** Where HashiCorp publishes Terraform builds and their checksums. */
const HASHICORP_RELEASES = 'https://releases.hashicorp.com';
// Node's names for platforms and CPUs, against the names in HashiCorp's archive file names.
const OS = {
    linux: 'linux',
    darwin: 'darwin',
    win32: 'windows',
    freebsd: 'freebsd',
    openbsd: 'openbsd'
};
const ARCH = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
function releaseFiles(version, platform, arch, base = HASHICORP_RELEASES) {
    const os = OS[platform];
    const cpu = ARCH[arch];
    if (!os || !cpu)
        throw new Error(`Terraform publishes no build for ${platform}/${arch}.`);
    const archiveName = `terraform_${version}_${os}_${cpu}.zip`;
    const folder = `${base.replace(/\/+$/, '')}/terraform/${version}`;
    return {
        archiveName,
        archiveUrl: `${folder}/${archiveName}`,
        sumsUrl: `${folder}/terraform_${version}_SHA256SUMS`
    };
}
/** The SHA-256 that a SHA256SUMS file lists for one file name. */
function expectedSha256(sums, fileName) {
    for (const line of sums.split(/\r?\n/)) {
        const match = /^([0-9a-fA-F]{64})\s+\*?(\S+)$/.exec(line.trim());
        if (match && match[2] === fileName)
            return (match[1] ?? '').toLowerCase();
    }
    throw new Error(`The SHA256SUMS file lists no checksum for ${fileName}.`);
}
async function sha256OfFile(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** Throws unless the downloaded archive has the checksum HashiCorp published for it. */
async function verifyArchive(path, sums, archiveName) {
    const expected = expectedSha256(sums, archiveName);
    const actual = await sha256OfFile(path);
    if (actual !== expected)
        throw new Error(`${archiveName} has SHA-256 ${actual}, but the release lists ${expected}: refusing to install it.`);
}

;// CONCATENATED MODULE: ./src/terraform/install.ts




/** The first executable `name` on PATH, as a shell would find it. */
async function findOnPath(name, env) {
    const extensions = process.platform === 'win32' ? ['.exe', ''] : [''];
    for (const dir of (env.PATH ?? '').split(external_node_path_.delimiter).filter((entry) => entry !== '')) {
        for (const extension of extensions) {
            const candidate = (0,external_node_path_.join)(dir, `${name}${extension}`);
            try {
                await (0,promises_.access)(candidate, external_node_fs_.constants.X_OK);
                return candidate;
            }
            catch {
                // Not here: keep looking.
            }
        }
    }
    return undefined;
}
/** The version a terraform binary says it is (`terraform version -json`), or undefined if it does not say. */
async function versionOf(binary, env) {
    const { execa } = await __webpack_require__.e(/* import() */ 993).then(__webpack_require__.bind(__webpack_require__, 6993));
    const result = await execa(binary, ['version', '-json'], { env, extendEnv: false, stdin: 'ignore', reject: false });
    try {
        const version = JSON.parse(String(result.stdout)).terraform_version;
        return typeof version === 'string' ? version : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Installs Terraform into the runner's tool cache (or finds it there from an earlier step) and
 * returns the binary's path. The archive is checked against HashiCorp's SHA256SUMS before use.
 */
async function installTerraform(options) {
    // Loaded only here: most runs find terraform on PATH and never need the tool cache.
    const tc = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(991)]).then(__webpack_require__.bind(__webpack_require__, 5991));
    const platform = options.platform ?? process.platform;
    const arch = options.arch ?? process.arch;
    const binary = platform === 'win32' ? 'terraform.exe' : 'terraform';
    const cached = tc.find('terraform', options.version, arch);
    if (cached) {
        options.log.info(`Using Terraform ${options.version} from the tool cache.`);
        return (0,external_node_path_.join)(cached, binary);
    }
    const files = releaseFiles(options.version, platform, arch, options.releasesBase ?? HASHICORP_RELEASES);
    options.log.info(`Downloading ${files.archiveUrl}`);
    const sumsPath = await tc.downloadTool(files.sumsUrl);
    const archivePath = await tc.downloadTool(files.archiveUrl);
    await verifyArchive(archivePath, await (0,promises_.readFile)(sumsPath, 'utf8'), files.archiveName);
    const extracted = await tc.extractZip(archivePath);
    const dir = await tc.cacheDir(extracted, 'terraform', options.version, arch);
    return (0,external_node_path_.join)(dir, binary);
}


/***/ })

};
