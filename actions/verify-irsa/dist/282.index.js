export const id = 282;
export const ids = [282];
export const modules = {

/***/ 5756:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ unreachableHost),
/* harmony export */   Qi: () => (/* binding */ lookupAll),
/* harmony export */   cz: () => (/* binding */ urlHost),
/* harmony export */   gS: () => (/* binding */ awsOnInternet),
/* harmony export */   r8: () => (/* binding */ unreachableResolution)
/* harmony export */ });
/* unused harmony exports unreachableAddress, LOOKUP_BOUND_MS */
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _aws_partitions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5986);


/**
 * Whether the calls to `service` go to AWS's own endpoint on the internet, where an issuer must be
 * public: not to an endpoint the environment names (an emulator, the local stack), and not in an
 * air-gapped ISO partition, whose services reach nothing outside it and whose issuers live inside.
 */
function awsOnInternet(service, region, env) {
    return (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .endpointFor */ .Lo)(service, env) === undefined && !(0,_aws_partitions_js__WEBPACK_IMPORTED_MODULE_1__/* .partitionOfRegion */ .cn)(region).startsWith('aws-iso');
}
// [network, prefix length, family, what such an address is]: the ranges of IANA's special-purpose
// registries that are not globally reachable, and multicast. An IPv4-mapped IPv6 address
// (::ffff:10.0.0.1) is matched against the IPv4 rows by BlockList itself; the other forms that embed
// an IPv4 address are judged by it (EMBEDDING). The first row that matches names the address.
const RANGES = [
    ['0.0.0.0', 8, 'ipv4', 'an unspecified address (0.0.0.0/8)'],
    ['127.0.0.0', 8, 'ipv4', 'a loopback address (127.0.0.0/8)'],
    ['10.0.0.0', 8, 'ipv4', 'a private address (RFC 1918, 10.0.0.0/8)'],
    ['172.16.0.0', 12, 'ipv4', 'a private address (RFC 1918, 172.16.0.0/12)'],
    ['192.168.0.0', 16, 'ipv4', 'a private address (RFC 1918, 192.168.0.0/16)'],
    ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address (100.64.0.0/10)'],
    [
        '169.254.0.0',
        16,
        'ipv4',
        'a link-local address (169.254.0.0/16, where the instance metadata service answers)'
    ],
    ['192.0.0.0', 24, 'ipv4', 'an IETF protocol assignment (192.0.0.0/24)'],
    ['198.18.0.0', 15, 'ipv4', 'a benchmarking address (198.18.0.0/15)'],
    ['192.0.2.0', 24, 'ipv4', 'a documentation address (192.0.2.0/24, TEST-NET-1)'],
    ['198.51.100.0', 24, 'ipv4', 'a documentation address (198.51.100.0/24, TEST-NET-2)'],
    ['203.0.113.0', 24, 'ipv4', 'a documentation address (203.0.113.0/24, TEST-NET-3)'],
    ['224.0.0.0', 4, 'ipv4', 'a multicast address (224.0.0.0/4)'],
    ['255.255.255.255', 32, 'ipv4', 'the limited broadcast address (255.255.255.255)'],
    ['240.0.0.0', 4, 'ipv4', 'a reserved address (240.0.0.0/4)'],
    ['::', 128, 'ipv6', 'the unspecified address (::)'],
    ['::1', 128, 'ipv6', 'the loopback address (::1)'],
    ['fc00::', 7, 'ipv6', 'a unique local (private) address (fc00::/7)'],
    ['fe80::', 10, 'ipv6', 'a link-local address (fe80::/10)'],
    ['64:ff9b:1::', 48, 'ipv6', 'a local-use translation (private) address (64:ff9b:1::/48, RFC 8215)'],
    ['100::', 64, 'ipv6', 'a discard-only address (100::/64, RFC 6666)'],
    ['2001:db8::', 32, 'ipv6', 'a documentation address (2001:db8::/32, RFC 3849)'],
    ['3fff::', 20, 'ipv6', 'a documentation address (3fff::/20, RFC 9637)'],
    ['ff00::', 8, 'ipv6', 'a multicast address (ff00::/8)']
];
// Globally reachable in IANA's registry though inside 192.0.0.0/24: the PCP and TURN anycast addresses.
const REACHABLE_EXCEPTIONS = ['192.0.0.9', '192.0.0.10'];
// [network, prefix length, what such an address is, the index of the 16-bit group where the IPv4
// address it embeds begins]. AWS reaches one of these only as far as it reaches that IPv4 address.
const EMBEDDING = [
    ['64:ff9b::', 96, 'a NAT64 address (64:ff9b::/96, RFC 6052)', 6],
    ['2002::', 16, 'a 6to4 address (2002::/16, RFC 3056)', 1],
    // After :: and ::1, which RANGES names.
    ['::', 96, 'an IPv4-compatible address (::/96, deprecated)', 6]
];
let tables;
// Fetched when first needed, not imported at the top: the input checks run in every action's main
// chunk, where loading node:net would cost a failing run some 3 ms at start.
function net() {
    return process.getBuiltinModule('node:net');
}
function subnet(network, prefix, family) {
    const list = new (net().BlockList)();
    list.addSubnet(network, prefix, family);
    return list;
}
function rangeTables() {
    if (tables)
        return tables;
    const exceptions = new (net().BlockList)();
    for (const address of REACHABLE_EXCEPTIONS)
        exceptions.addAddress(address, 'ipv4');
    tables = {
        ranges: RANGES.map(([network, prefix, family, what]) => ({
            list: subnet(network, prefix, family),
            what
        })),
        exceptions,
        embedding: EMBEDDING.map(([network, prefix, what, group]) => ({
            list: subnet(network, prefix, 'ipv6'),
            what,
            group
        }))
    };
    return tables;
}
/** The eight 16-bit groups of a valid IPv6 address, a trailing dotted quad included. */
function ipv6Groups(address) {
    const groups = (part) => part === ''
        ? []
        : part.split(':').flatMap((group) => {
            if (!group.includes('.'))
                return [parseInt(group, 16)];
            const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
            return [(a << 8) | b, (c << 8) | d];
        });
    const [head = '', tail] = address.split('::');
    const front = groups(head);
    if (tail === undefined)
        return front;
    const back = groups(tail);
    return [...front, ...new Array(8 - front.length - back.length).fill(0), ...back];
}
/**
 * What kind of address AWS cannot reach `address` is ("a loopback address (127.0.0.0/8)"), or
 * undefined for any other address. Takes a bare IP address; a zone (fe80::1%eth0) is ignored.
 */
function unreachableAddress(address) {
    const bare = address.replace(/%.*$/, '');
    const version = net().isIP(bare);
    if (version === 0)
        return undefined;
    const family = version === 4 ? 'ipv4' : 'ipv6';
    const { ranges, exceptions, embedding } = rangeTables();
    if (exceptions.check(bare, family))
        return undefined;
    const direct = ranges.find(({ list }) => list.check(bare, family))?.what;
    if (direct !== undefined || family === 'ipv4')
        return direct;
    const form = embedding.find(({ list }) => list.check(bare, 'ipv6'));
    if (!form)
        return undefined;
    const groups = ipv6Groups(bare);
    const high = groups[form.group] ?? 0;
    const low = groups[form.group + 1] ?? 0;
    const ipv4 = [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
    const what = unreachableAddress(ipv4);
    return what === undefined ? undefined : `${form.what} embedding ${ipv4}, ${what}`;
}
/**
 * The host of a URL as a socket takes it: lower-case, without the brackets of an IPv6 literal or
 * a trailing dot. undefined when `url` is not a URL.
 */
function urlHost(url) {
    let hostname;
    try {
        // The WHATWG parser already writes 0x7f.1 and 2130706433 as 127.0.0.1, and ::ffff:127.0.0.1 as ::ffff:7f00:1.
        hostname = new URL(url).hostname;
    }
    catch {
        return undefined;
    }
    return hostname
        .replace(/^\[(.*)\]$/, '$1')
        .replace(/\.$/, '')
        .toLowerCase();
}
/**
 * Why AWS can never reach the host of `url`, when that is plain without DNS: `localhost` (and
 * names under it, which resolvers answer with the loopback address, RFC 6761) or an IP literal
 * AWS cannot reach. undefined for any other host, a DNS name included: only a lookup tells.
 */
function unreachableHost(url) {
    const host = urlHost(url);
    if (host === undefined)
        return undefined;
    if (host === 'localhost' || host.endsWith('.localhost'))
        return `${host} always names the loopback address`;
    const what = unreachableAddress(host);
    return what === undefined ? undefined : `${host} is ${what}`;
}
/** node:dns's lookup (the resolver sockets use, /etc/hosts included), every address of both families. */
async function lookupAll(host) {
    const { lookup } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1553, 23));
    const answers = await lookup(host, { all: true, verbatim: true });
    return answers.map((answer) => answer.address);
}
// AWS's own service hosts (S3's, where publish-oidc puts the issuer by default) are public. A runner
// that resolves them to private addresses sits in a VPC whose interface endpoints have private DNS on,
// which answers only inside it: STS, outside, is given the public addresses.
const AWS_SERVICE_HOST = /\.amazonaws\.(?:com|com\.cn|eu)$/;
/**
 * How long a run waits for the lookup behind the warning. A resolver that answers does so well within
 * it; one that does not would otherwise hold the run for its own timeout (10 s with glibc's defaults).
 */
const LOOKUP_BOUND_MS = 3000;
/** `promise`'s value, or undefined after `ms`; the timer is unref'd, so that it never holds the process. */
async function within(promise, ms) {
    let timer;
    const bound = new Promise((resolve) => {
        timer = setTimeout(resolve, ms, undefined);
        timer.unref();
    });
    try {
        return await Promise.race([promise, bound]);
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * Why AWS may not reach the DNS name of `url`, judged by the addresses the runner resolves it to.
 * undefined when every address is one AWS may reach, for an IP literal (unreachableHost judges
 * those), for AWS's own service hosts, and when the lookup fails or does not answer within
 * `boundMs` (the request that follows names that failure).
 */
async function unreachableResolution(url, resolve, boundMs = LOOKUP_BOUND_MS) {
    const host = urlHost(url);
    if (host === undefined || net().isIP(host) !== 0 || AWS_SERVICE_HOST.test(host))
        return undefined;
    let addresses;
    try {
        addresses = await within(resolve(host), boundMs);
    }
    catch {
        return undefined;
    }
    if (addresses === undefined)
        return undefined;
    const blocked = addresses.flatMap((address) => {
        const what = unreachableAddress(address);
        return what === undefined ? [] : [`${address}, ${what}`];
    });
    if (blocked.length === 0)
        return undefined;
    const which = blocked.length === addresses.length ? 'only to' : 'besides public addresses, to';
    return `${host} resolves, on this runner, ${which} addresses AWS cannot reach: ${blocked.join('; ')}`;
}


/***/ }),

/***/ 5599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J5: () => (/* binding */ retryingTransient),
/* harmony export */   qS: () => (/* binding */ statusText)
/* harmony export */ });
/* unused harmony export RETRY_DELAYS_MS */
/**
 * What a public read's answer means to someone fixing it, and a second try for the answers a busy
 * host gives now and then (S3's 503 SlowDown, a 500, a dropped connection): an issuer that STS can
 * read is one that answers, not one that never stumbles.
 */
/** Error codes of a connection that broke, not of one refused for good (TLS, DNS, a wrong port). */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN']);
const RETRY_DELAYS_MS = [1000, 2000];
function isTransientStatus(status) {
    return status === 429 || status >= 500;
}
function isBrokenConnection(error) {
    const code = error?.code;
    return typeof code === 'string' && BROKEN_CONNECTION.has(code);
}
/** `get`, asked again after a pause when it answers 429 or 5xx or its connection breaks. */
function retryingTransient(get, sleep, delaysMs = RETRY_DELAYS_MS) {
    return async (url) => {
        for (let attempt = 0;; attempt += 1) {
            const delay = delaysMs[attempt];
            try {
                const response = await get(url);
                if (delay === undefined || !isTransientStatus(response.status))
                    return response;
            }
            catch (error) {
                if (delay === undefined || !isBrokenConnection(error))
                    throw error;
            }
            await sleep(delay);
        }
    };
}
/**
 * "HTTP 503 (SlowDown)": the status with S3's error code when the body holds one; for a redirect,
 * where it leads and that STS will not follow it.
 */
function statusText(status, body, location) {
    // Only a word is taken from the body: it is the server's text, and goes into logs and summaries.
    const code = /<Code>([A-Za-z][A-Za-z0-9.]{0,63})<\/Code>/.exec(body)?.[1];
    const base = `HTTP ${status}${code ? ` (${code})` : ''}`;
    if (status >= 300 && status < 400)
        return `${base}, a redirect${location ? ` to ${location.replace(/[\s<>`|[\]]/g, '')}` : ''}, which STS does not follow`;
    return base;
}


/***/ }),

/***/ 2563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EH: () => (/* binding */ renewLease),
/* harmony export */   GE: () => (/* binding */ releaseServiceAccount),
/* harmony export */   O$: () => (/* binding */ LEASE_PREFIX),
/* harmony export */   Us: () => (/* binding */ LEASE_MARGIN_SECONDS),
/* harmony export */   aW: () => (/* binding */ leaseKey),
/* harmony export */   q3: () => (/* binding */ holdServiceAccount)
/* harmony export */ });
/* unused harmony exports leasesOf, isRunManaged */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _kube_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2817);
/* harmony import */ var _cluster_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7214);
/* harmony import */ var _verify_pod_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8456);
/**
 * The verify service account, shared between runs. A run that creates, takes over or joins the
 * account writes a lease on it (talos-irsa/lease.<run id> = when that run is over for sure), and the
 * run that leaves last deletes it. A lease whose time has passed is a killed run's: with only such
 * leases left, the next run takes the account over, so that it does not outlive its runs (left alone,
 * it would let any pod of the namespace take the role). Every write carries the resourceVersion it
 * was decided on, so two runs never act on the same state; one that lost the race decides again.
 */




const LEASE_PREFIX = 'talos-irsa/lease.';
/**
 * How long after its start a run is over for sure, beyond its timeout-seconds: room for the token
 * checks (STS's propagation retries, AWS calls with their own deadlines) and the cleanup. Token
 * mode can outlast it (each AWS call may take 8 attempts of 20 s), so pod mode renews the lease
 * from its own start. It is read on the runner's clock, so a runner more than this far behind the
 * others' could lose its objects.
 */
const LEASE_MARGIN_SECONDS = 300;
// The longest lease a run writes (timeout-seconds at most 3600), with a minute for clocks: a lease
// ending later than this was not written by a run, and holds nothing.
const LONGEST_LEASE_MS = (3600 + LEASE_MARGIN_SECONDS + 60) * 1000;
// A crowd of runs starting together each lose a few races before their write lands.
const CONFLICT_ATTEMPTS = 8;
// A server that failed or an answer that was lost is asked again, but not for long.
const FAULT_ATTEMPTS = 3;
const leaseKey = (runId) => `${LEASE_PREFIX}${runId}`;
function leasesOf(annotations) {
    return Object.entries(annotations)
        .filter(([key]) => key.startsWith(LEASE_PREFIX))
        .map(([key, value]) => ({ runId: key.slice(LEASE_PREFIX.length), until: (0,_cluster_js__WEBPACK_IMPORTED_MODULE_2__/* .parseInstant */ .n)(value) }));
}
function isLive(lease, now) {
    const until = lease.until?.getTime();
    return until !== undefined && until > now.getTime() && until <= now.getTime() + LONGEST_LEASE_MS;
}
/** Made by a verify-irsa run that meant to remove it: labelled, and not kept on purpose. */
function isRunManaged(account) {
    const labelled = Object.entries(_verify_pod_js__WEBPACK_IMPORTED_MODULE_3__/* .MANAGED_BY */ .Kf).every(([key, value]) => account.labels[key] === value);
    return labelled && account.annotations[_verify_pod_js__WEBPACK_IMPORTED_MODULE_3__/* .KEEP_ANNOTATION */ .u2] !== 'true';
}
/** Whether to read again and decide again after a failed write, after a pause. */
async function again(error, tries) {
    const status = (0,_kube_client_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(error);
    // 409: the account moved on since it was read; 404: it went away. Both are decided afresh.
    if (status === 409 || status === 404) {
        tries.conflicts += 1;
        if (tries.conflicts >= CONFLICT_ATTEMPTS)
            return false;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(Math.random() * 100);
        return true;
    }
    if (status === undefined || status === 429 || status >= 500) {
        tries.faults += 1;
        if (tries.faults >= FAULT_ATTEMPTS)
            return false;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(500);
        return true;
    }
    return false;
}
function noteFor(origin, namespace, name, others, cleanup) {
    if (origin === 'shared')
        return `Joined ${namespace}/${name}, which ${others} other verify-irsa run(s) are using; the last run to finish deletes it.`;
    if (origin === 'adopted')
        return (`Adopted ${namespace}/${name}, which earlier verify-irsa runs created and did not remove (killed before ` +
            `their cleanup): ${cleanup ? 'this run deletes it when done' : 'this run keeps it (cleanup: false) for the next run to remove'}.`);
    return undefined;
}
/** The account to verify with this run's lease on it where it may hold one; undefined when missing and not to be created. */
async function holdServiceAccount(cluster, request) {
    const { namespace, name, runId } = request;
    const ours = leaseKey(runId);
    const tries = { conflicts: 0, faults: 0 };
    // What this run last wrote: after a lost answer, finding its lease on the account means it landed.
    let sent;
    for (;;) {
        const account = await cluster.readServiceAccount(namespace, name);
        if (account && sent && account.annotations[ours] !== undefined) {
            const note = noteFor(sent.origin, namespace, name, sent.others, request.cleanup);
            return { account, origin: sent.origin, holding: true, ...(note ? { note } : {}) };
        }
        if (!account) {
            if (!request.create)
                return undefined;
            const annotations = {
                [_verify_pod_js__WEBPACK_IMPORTED_MODULE_3__/* .ROLE_ANNOTATION */ .Bb]: request.roleArn,
                ...(request.cleanup ? { [ours]: request.until.toISOString() } : { [_verify_pod_js__WEBPACK_IMPORTED_MODULE_3__/* .KEEP_ANNOTATION */ .u2]: 'true' })
            };
            sent = request.cleanup ? { origin: 'created', others: 0 } : undefined;
            try {
                const created = await cluster.createServiceAccount(namespace, name, {
                    labels: { ..._verify_pod_js__WEBPACK_IMPORTED_MODULE_3__/* .MANAGED_BY */ .Kf },
                    annotations
                });
                return { account: created, origin: 'created', holding: request.cleanup };
            }
            catch (error) {
                if (await again(error, tries))
                    continue;
                throw error;
            }
        }
        if (!isRunManaged(account))
            return { account, origin: 'found', holding: false };
        const now = request.now();
        const leases = leasesOf(account.annotations);
        const others = leases.filter((lease) => lease.runId !== runId && isLive(lease, now));
        const patch = {};
        for (const lease of leases)
            if (!isLive(lease, now))
                patch[leaseKey(lease.runId)] = null;
        // Set last, so that an ended lease that happens to carry this run's id does not remove it.
        patch[ours] = request.until.toISOString();
        // Taken over whole when no run is left on it; a run still on it keeps the role it annotated.
        if (others.length === 0)
            patch[_verify_pod_js__WEBPACK_IMPORTED_MODULE_3__/* .ROLE_ANNOTATION */ .Bb] = request.roleArn;
        sent = { origin: others.length === 0 ? 'adopted' : 'shared', others: others.length };
        try {
            const held = await cluster.patchServiceAccount(namespace, name, account.resourceVersion, patch);
            const note = noteFor(sent.origin, namespace, name, sent.others, request.cleanup);
            return { account: held, origin: sent.origin, holding: true, ...(note ? { note } : {}) };
        }
        catch (error) {
            if (await again(error, tries))
                continue;
            if ((0,_kube_client_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(error) === 403)
                return {
                    account,
                    origin: 'found',
                    holding: false,
                    note: `Could not write this run's lease on ${namespace}/${name} (${(0,_kube_client_js__WEBPACK_IMPORTED_MODULE_1__/* .kubeErrorText */ .P9)(error)}): using it as found; another run may delete it meanwhile, and this run leaves it in place.`
                };
            throw error;
        }
    }
}
/**
 * Moves this run's lease on to `until`, for a stretch of the run (pod mode) that must fall inside
 * it. 'lost' when the lease is no longer on the account: the run outlasted it (AWS calls hanging
 * through all their retries) and another run took the account over, or deleted it.
 */
async function renewLease(cluster, namespace, name, runId, until) {
    const ours = leaseKey(runId);
    const tries = { conflicts: 0, faults: 0 };
    for (;;) {
        const account = await cluster.readServiceAccount(namespace, name);
        if (!account || account.annotations[ours] === undefined)
            return 'lost';
        // Already so: an earlier attempt landed and its answer was lost.
        if (account.annotations[ours] === until.toISOString())
            return 'renewed';
        try {
            await cluster.patchServiceAccount(namespace, name, account.resourceVersion, {
                [ours]: until.toISOString()
            });
            return 'renewed';
        }
        catch (error) {
            if (await again(error, tries))
                continue;
            throw error;
        }
    }
}
/**
 * Gives up this run's lease: deletes the account when `mayDelete`, no other live lease is on it and
 * it is still a run's to remove (labelled, not kept), else removes only this run's lease. Safe to
 * call whether or not the lease was ever written.
 */
async function releaseServiceAccount(cluster, namespace, name, runId, now, mayDelete = true) {
    const tries = { conflicts: 0, faults: 0 };
    for (;;) {
        const account = await cluster.readServiceAccount(namespace, name);
        if (!account)
            return 'gone';
        if (account.annotations[leaseKey(runId)] === undefined)
            return 'not held';
        const others = leasesOf(account.annotations).filter((lease) => lease.runId !== runId && isLive(lease, now()));
        try {
            if (mayDelete && others.length === 0 && isRunManaged(account)) {
                await cluster.deleteServiceAccount(namespace, name, account.resourceVersion);
                return 'deleted';
            }
            await cluster.patchServiceAccount(namespace, name, account.resourceVersion, {
                [leaseKey(runId)]: null
            });
            return 'released';
        }
        catch (error) {
            if (await again(error, tries))
                continue;
            throw error;
        }
    }
}


/***/ }),

/***/ 4038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ isAssumedRoleArn),
/* harmony export */   w: () => (/* binding */ assumedRoleProblem)
/* harmony export */ });
// As STS writes it: arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION, the role by its name alone
// (no path); a role name has 1 to 64 and a session name 2 to 64 of letters, digits and _+=,.@-.
const ASSUMED_ROLE_ARN = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]{2,64})$/;
/** Whether `text` is an assumed-role ARN: what an assumed-role-arn output may hold. */
function isAssumedRoleArn(text) {
    return ASSUMED_ROLE_ARN.test(text);
}
// What is not an ARN came from a log or a server that says what it likes: quoted, on one line, cut short.
const quoted = (text) => JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
function assumedRoleProblem(arn, role) {
    const match = ASSUMED_ROLE_ARN.exec(arn);
    if (!match)
        return `${quoted(arn)} is no assumed-role ARN`;
    if (match[1] !== role.partition)
        return `${arn} is in the partition ${match[1]}, not ${role.partition}`;
    if (match[2] !== role.accountId)
        return `${arn} is in account ${match[2]}, not ${role.accountId}`;
    if (match[3] !== role.name)
        return `${arn} names the role ${match[3]}, not ${role.name}`;
    return undefined;
}


/***/ }),

/***/ 7214:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  q: () => (/* binding */ kubeClusterOps),
  n: () => (/* binding */ parseInstant)
});

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/kube/client.ts + 5 modules
var kube_client = __webpack_require__(2817);
// EXTERNAL MODULE: ./src/verify-irsa/verify-pod.ts
var verify_pod = __webpack_require__(8456);
// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
;// CONCATENATED MODULE: ./src/kube/watch.ts
/**
 * A Kubernetes watch over the kubeconfig's own TLS and credentials: one streaming GET whose answer
 * is one JSON event per line. Written on the REST request the suite already makes (client.ts)
 * rather than with client-node's Watch, whose request cannot be aborted before the server answers,
 * so a watch that hangs held the process open past its deadline.
 */


/** A watch whose connection failed (not refused by the server): worth opening again. */
class WatchConnectionError extends errors/* UserError */.yo {
}
/**
 * Streams the events of `path` (a list path; `watch=true` is added) to `onEvent` until the server
 * closes the stream or `signal` aborts it. Rejects with a KubeApiError when the server refuses the
 * watch (401, 403, 404…), and with a UserError when the stream breaks or is not JSON events.
 */
async function kubeWatch(client, path, onEvent, signal) {
    const url = new URL(client.server + path);
    url.searchParams.set('watch', 'true');
    const options = await (0,kube_client/* requestOptionsFor */.Ts)(client, 'GET');
    const transport = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7067, 23));
    if (signal.aborted)
        return 'aborted';
    return new Promise((resolve, reject) => {
        const fail = (error) => {
            request.destroy();
            reject(error);
        };
        const request = transport.request(url, options, (response) => {
            const status = response.statusCode ?? 0;
            response.setEncoding('utf8');
            if (status < 200 || status > 299) {
                let body = '';
                response.on('data', (chunk) => (body += chunk));
                response.on('end', () => reject(new kube_client/* KubeApiError */.W3('GET', `${url.pathname}${url.search}`, { status, body, contentType: '' })));
                return;
            }
            let pending = '';
            response.on('data', (chunk) => {
                pending += chunk;
                let newline = pending.indexOf('\n');
                while (newline >= 0) {
                    const line = pending.slice(0, newline).trim();
                    pending = pending.slice(newline + 1);
                    newline = pending.indexOf('\n');
                    if (line === '')
                        continue;
                    let event;
                    try {
                        event = JSON.parse(line);
                    }
                    catch {
                        return fail(new errors/* UserError */.yo(`the cluster at ${client.server} answered a watch of ${url.pathname} with something that is not JSON events.`, client.source.input));
                    }
                    onEvent(event);
                    if (signal.aborted)
                        return;
                }
            });
            response.on('end', () => resolve(signal.aborted ? 'aborted' : 'closed'));
            response.on('error', () => resolve(signal.aborted ? 'aborted' : 'closed'));
        });
        const abort = () => {
            request.destroy();
            resolve('aborted');
        };
        signal.addEventListener('abort', abort, { once: true });
        request.on('close', () => signal.removeEventListener('abort', abort));
        request.on('error', (error) => {
            if (signal.aborted)
                return resolve('aborted');
            reject(new WatchConnectionError(`cannot keep a watch open on the cluster at ${client.server} (${(0,kube_client/* firstLine */.TM)(error)}).`, client.source.input));
        });
        request.end();
    });
}

;// CONCATENATED MODULE: ./src/verify-irsa/cluster.ts
/**
 * What verify-irsa asks of the cluster: service accounts, a TokenRequest, and one pod followed
 * with a watch.
 */




/**
 * A time as this action writes it (toISOString: 2026-11-29T12:00:00.000Z); undefined for anything
 * else, so that a hand-written or garbled value never reads as a time long past.
 */
function parseInstant(text) {
    if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text))
        return undefined;
    const date = new Date(text);
    return !Number.isNaN(date.getTime()) && date.toISOString() === text ? date : undefined;
}
const viewOf = (account) => ({
    annotations: account.metadata?.annotations ?? {},
    labels: account.metadata?.labels ?? {},
    resourceVersion: account.metadata?.resourceVersion ?? ''
});
// Below this the apiserver refuses a TokenRequest; it is also short enough to be harmless.
const TOKEN_SECONDS = 600;
const enc = encodeURIComponent;
// get-caller-identity prints a few hundred bytes; its errors, a few lines more.
const LOG_LIMIT_BYTES = 64 * 1024;
/**
 * Every call is one plain REST request (src/kube/client.ts), the watch a streaming one
 * (src/kube/watch.ts), so that a run never loads @kubernetes/client-node (a 16 MB chunk) unless the
 * kubeconfig's user authenticates through an exec plugin or an auth provider.
 */
function kubeClusterOps(client) {
    const json = (method, path, body, repeat) => (0,kube_client/* kubeJson */.s6)(client, method, path, body, repeat);
    const ignoreNotFound = (error) => {
        if ((0,kube_client/* statusOf */.c2)(error) !== 404)
            throw error;
    };
    return {
        async readServiceAccount(namespace, name) {
            try {
                const account = await json('GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `serviceaccounts/${enc(name)}`));
                return viewOf(account);
            }
            catch (error) {
                ignoreNotFound(error);
                return undefined;
            }
        },
        async createServiceAccount(namespace, name, metadata) {
            return viewOf(await json('POST', (0,kube_client/* namespacedPath */.Nh)(namespace, 'serviceaccounts'), {
                apiVersion: 'v1',
                kind: 'ServiceAccount',
                metadata: { name, namespace, ...metadata }
            }));
        },
        async patchServiceAccount(namespace, name, resourceVersion, annotations) {
            // A merge patch that names a resourceVersion is refused (409) once the object has moved on.
            return viewOf(await json('PATCH', (0,kube_client/* namespacedPath */.Nh)(namespace, `serviceaccounts/${enc(name)}`), {
                metadata: { resourceVersion, annotations }
            }));
        },
        async deleteServiceAccount(namespace, name, resourceVersion) {
            const options = resourceVersion === undefined
                ? undefined
                : { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion } };
            // Sent again after a lost answer: what is not deleted outlives the run, and a repeat of a
            // delete that was applied is a 404, taken as done.
            await json('DELETE', (0,kube_client/* namespacedPath */.Nh)(namespace, `serviceaccounts/${enc(name)}`), options, 'safe').catch(ignoreNotFound);
        },
        async requestToken(namespace, name, audience) {
            const answer = await json('POST', (0,kube_client/* namespacedPath */.Nh)(namespace, `serviceaccounts/${enc(name)}/token`), {
                apiVersion: 'authentication.k8s.io/v1',
                kind: 'TokenRequest',
                spec: { audiences: [audience], expirationSeconds: TOKEN_SECONDS }
            }, 
            // A TokenRequest stores nothing: a repeat mints another short-lived token, and the lost one
            // expires unused.
            'safe');
            const token = answer.status?.token;
            if (!token)
                throw new Error('the TokenRequest answer holds no token');
            return token;
        },
        async createPod(pod) {
            const namespace = pod.metadata?.namespace ?? 'default';
            try {
                return await json('POST', (0,kube_client/* namespacedPath */.Nh)(namespace, 'pods'), pod, 'safe');
            }
            catch (error) {
                // Sent again after a lost answer, and refused as existing: the pod's name is this run's
                // own (its random id), so it is the first attempt's pod.
                if (!(error instanceof kube_client/* KubeApiError */.W3 && error.code === 409 && error.attempts > 1))
                    throw error;
                return json('GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods/${enc(pod.metadata?.name ?? '')}`));
            }
        },
        // A dry run stores nothing.
        dryRunPod: (pod) => json('POST', (0,kube_client/* namespacedPath */.Nh)(pod.metadata?.namespace ?? 'default', 'pods?dryRun=All'), pod, 'safe'),
        async watchPod(namespace, name, deadline) {
            return watchPod(client, namespace, name, deadline);
        },
        async podLogs(namespace, name) {
            // limitBytes: the answer is held in memory whole, and a pod may print without end.
            const query = `tailLines=50&limitBytes=${LOG_LIMIT_BYTES}`;
            return (await (0,kube_client/* kubeCall */.W0)(client, 'GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods/${enc(name)}/log?${query}`))).body;
        },
        async podEvents(namespace, name) {
            // Selected by the server: a busy namespace can hold thousands of events.
            const selector = enc(`involvedObject.kind=Pod,involvedObject.name=${name}`);
            const list = await json('GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `events?fieldSelector=${selector}`));
            return list.items.map((event) => ({
                type: event.type ?? '',
                reason: event.reason ?? '',
                message: event.message ?? ''
            }));
        },
        async listVerifyPods(namespace, serviceAccount) {
            const labels = enc(Object.entries(verify_pod/* MANAGED_BY */.Kf)
                .map(([key, value]) => `${key}=${value}`)
                .join(','));
            const fields = enc(`spec.serviceAccountName=${serviceAccount}`);
            const list = await json('GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods?labelSelector=${labels}&fieldSelector=${fields}`));
            return list.items.map((pod) => ({
                name: pod.metadata?.name ?? '',
                expiresAt: parseInstant(pod.metadata?.annotations?.[verify_pod/* EXPIRES_ANNOTATION */.dy])
            }));
        },
        async deletePod(namespace, name) {
            await json('DELETE', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods/${enc(name)}?gracePeriodSeconds=0`), undefined, 'safe').catch(ignoreNotFound);
        }
    };
}
/** A watch refusal worth trying again (the server busy or failing), not one of the caller's setup. */
function isPassing(error) {
    const status = (0,kube_client/* statusOf */.c2)(error);
    return status === 429 || (status !== undefined && status >= 500);
}
/**
 * One watch on the pod's name, re-opened if the server closes it early (watches have a server
 * timeout), until the pod ends or the deadline passes; the deadline aborts a watch however it
 * hangs. Without a resourceVersion the watch opens with the pod's current state, so a pod that
 * finished before the watch began is still seen. A refused watch (401, 403, 404) is an error at
 * once; a failing server is tried again until the deadline, and at the deadline the pod is read
 * once more, so that a watch that saw nothing does not report a finished pod as still running.
 */
async function watchPod(client, namespace, name, deadline) {
    const path = `${(0,kube_client/* namespacedPath */.Nh)(namespace, 'pods')}?fieldSelector=${enc(`metadata.name=${name}`)}`;
    let last;
    let lastProblem;
    while (Date.now() < deadline) {
        const opened = Date.now();
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
        let end;
        try {
            await kubeWatch(client, path, (event) => {
                if (event.type === 'DELETED')
                    end = { ended: 'deleted' };
                else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
                    last = event.object;
                    if ((0,verify_pod/* podOutcome */.yW)(event.object).state !== 'running')
                        end = { ended: 'done', pod: event.object };
                }
                if (end)
                    controller.abort();
            }, controller.signal);
        }
        catch (error) {
            if (!isPassing(error) && !(error instanceof WatchConnectionError))
                throw error;
            lastProblem = error;
        }
        finally {
            clearTimeout(timer);
        }
        if (end)
            return end;
        // A watch the server drops at once (an error, not its timeout) is re-opened after a pause,
        // so that a misbehaving server does not turn this into a busy loop.
        if (Date.now() - opened < 1000)
            await (0,promises_.setTimeout)(Math.max(0, Math.min(1000, deadline - Date.now())));
    }
    try {
        const pod = await (0,kube_client/* kubeJson */.s6)(client, 'GET', (0,kube_client/* namespacedPath */.Nh)(namespace, `pods/${enc(name)}`));
        if ((0,verify_pod/* podOutcome */.yW)(pod).state !== 'running')
            return { ended: 'done', pod };
        last = pod;
    }
    catch (error) {
        if ((0,kube_client/* statusOf */.c2)(error) === 404)
            return { ended: 'deleted' };
        if (!last && lastProblem)
            throw lastProblem;
    }
    return { ended: 'timeout', ...(last ? { pod: last } : {}) };
}


/***/ }),

/***/ 5954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OE: () => (/* binding */ allPassed),
/* harmony export */   R8: () => (/* binding */ CHECK_LINKS),
/* harmony export */   ZD: () => (/* binding */ linkStates),
/* harmony export */   bF: () => (/* binding */ passed),
/* harmony export */   gz: () => (/* binding */ failed)
/* harmony export */ });
const CHECK_LINKS = {
    'service-account': 'service-account',
    token: 'token',
    issuer: 'token',
    expiry: 'token',
    discovery: 'issuer-documents',
    jwks: 'issuer-documents',
    signature: 'issuer-documents',
    'iam-provider': 'iam-provider',
    'provider-audience': 'iam-provider',
    role: 'role',
    'role-trust': 'role',
    'assume-role': 'assumed-identity',
    'caller-identity': 'assumed-identity',
    pod: 'pod',
    webhook: 'pod'
};
function passed(check, detail) {
    return { check, ok: true, detail, fix: '' };
}
function failed(check, detail, fix) {
    return { check, ok: false, detail, fix };
}
/** A link passes when it was checked and none of its checks failed. */
function linkStates(checks) {
    const states = {
        'service-account': 'not checked',
        token: 'not checked',
        'issuer-documents': 'not checked',
        'iam-provider': 'not checked',
        role: 'not checked',
        'assumed-identity': 'not checked',
        pod: 'not checked'
    };
    for (const entry of checks) {
        const link = CHECK_LINKS[entry.check];
        if (!entry.ok)
            states[link] = 'failed';
        else if (states[link] === 'not checked')
            states[link] = 'passed';
    }
    return states;
}
function allPassed(checks) {
    return checks.length > 0 && checks.every((entry) => entry.ok);
}


/***/ }),

/***/ 8456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ ROLE_ANNOTATION),
/* harmony export */   Bx: () => (/* binding */ MAX_EVENTS),
/* harmony export */   Cl: () => (/* binding */ eventLines),
/* harmony export */   Kf: () => (/* binding */ MANAGED_BY),
/* harmony export */   NZ: () => (/* binding */ podRefusalFix),
/* harmony export */   N_: () => (/* binding */ webhookRoleArn),
/* harmony export */   UQ: () => (/* binding */ callerArnFromLogs),
/* harmony export */   VE: () => (/* binding */ webhookTokenAudience),
/* harmony export */   dy: () => (/* binding */ EXPIRES_ANNOTATION),
/* harmony export */   kh: () => (/* binding */ webhookInjections),
/* harmony export */   m3: () => (/* binding */ verifyPodManifest),
/* harmony export */   r_: () => (/* binding */ bareWorkloadPod),
/* harmony export */   u2: () => (/* binding */ KEEP_ANNOTATION),
/* harmony export */   w$: () => (/* binding */ lastLines),
/* harmony export */   yW: () => (/* binding */ podOutcome)
/* harmony export */ });
/* unused harmony exports TOKEN_DIR, TOKEN_PATH, POD_DEADLINE_MARGIN_SECONDS, irsaEnv, MAX_LOG_LINE */
const TOKEN_DIR = '/var/run/secrets/eks.amazonaws.com/serviceaccount';
const TOKEN_PATH = `${TOKEN_DIR}/token`;
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'talos-irsa-verify' };
const ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
/**
 * On a verify pod: when the run that made it is over for sure. A later run removes such a pod once
 * that time has passed (its run was killed), never before.
 */
const EXPIRES_ANNOTATION = 'talos-irsa/expires-at';
/** On what a run with cleanup: false made: kept on purpose, never removed by a later run. */
const KEEP_ANNOTATION = 'talos-irsa/keep';
const CONTAINER = 'aws';
const POD_DEADLINE_MARGIN_SECONDS = 60;
/** Environment the pod needs for IRSA; set here so that no webhook is required. */
function irsaEnv(spec) {
    return [
        { name: 'AWS_ROLE_ARN', value: spec.roleArn },
        { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: TOKEN_PATH },
        { name: 'AWS_REGION', value: spec.region },
        // AWS CLI v1 and older SDKs read only this one; a custom image may carry either.
        { name: 'AWS_DEFAULT_REGION', value: spec.region },
        { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' },
        { name: 'AWS_ROLE_SESSION_NAME', value: spec.name }
    ];
}
function verifyPodManifest(spec) {
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
            name: spec.name,
            namespace: spec.namespace,
            labels: { ...MANAGED_BY },
            annotations: spec.expiresAt
                ? { [EXPIRES_ANNOTATION]: spec.expiresAt.toISOString() }
                : { [KEEP_ANNOTATION]: 'true' }
        },
        spec: {
            serviceAccountName: spec.serviceAccount,
            restartPolicy: 'Never',
            // A backstop for a runner killed mid-watch: the kubelet stops the pod a little after the
            // action's own timeout, so the action, not the kubelet, normally reports the timeout.
            activeDeadlineSeconds: spec.timeoutSeconds + POD_DEADLINE_MARGIN_SECONDS,
            // Only the projected IRSA token is needed; the API token would be one more secret in the pod.
            automountServiceAccountToken: false,
            containers: [
                {
                    name: CONTAINER,
                    image: spec.image,
                    command: ['aws', 'sts', 'get-caller-identity'],
                    env: irsaEnv(spec),
                    volumeMounts: [{ name: 'aws-iam-token', mountPath: TOKEN_DIR, readOnly: true }]
                }
            ],
            volumes: [
                {
                    name: 'aws-iam-token',
                    projected: {
                        sources: [
                            { serviceAccountToken: { audience: spec.audience, expirationSeconds: 3600, path: 'token' } }
                        ]
                    }
                }
            ]
        }
    };
}
/**
 * The same pod as an application would write it: no IRSA settings of its own. Created as a
 * server-side dry run, it shows what a pod-identity webhook would add to the cluster's other pods
 * (the webhook skips pods that already set AWS_ROLE_ARN, so the verify pod itself cannot tell).
 */
function bareWorkloadPod(spec) {
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${spec.name}-probe`, namespace: spec.namespace, labels: { ...MANAGED_BY } },
        spec: {
            serviceAccountName: spec.serviceAccount,
            restartPolicy: 'Never',
            containers: [{ name: CONTAINER, image: spec.image, command: ['aws', 'sts', 'get-caller-identity'] }]
        }
    };
}
/**
 * The fix for a refused pod create. The API server answers 403 Forbidden both for RBAC and for
 * admission (Pod Security, a resource quota), and only RBAC is a matter of the kubeconfig's rights:
 * the verify pod sets no securityContext and no resource limits, which a namespace
 * enforcing restricted Pod Security or a quota on limits refuses whatever the rights.
 */
function podRefusalFix(message) {
    if (/violates PodSecurity/i.test(message))
        return "the namespace's Pod Security level refuses the verify pod (it sets no securityContext): run pod mode in a namespace enforcing baseline (Talos's default) or privileged, or use mode: token";
    if (/\bquota\b/i.test(message))
        return 'a resource quota of the namespace refuses the verify pod (it sets no resource requests or limits): give the namespace a LimitRange with defaults, or run pod mode in another namespace';
    return "let the kubeconfig's user create pods in the namespace";
}
// Waiting reasons from which a pod does not recover by itself.
const STUCK_REASONS = ['InvalidImageName', 'CreateContainerConfigError', 'ErrImageNeverPull'];
function podOutcome(pod) {
    const phase = pod.status?.phase;
    const container = pod.status?.containerStatuses?.[0];
    const terminated = container?.state?.terminated;
    if (phase === 'Succeeded')
        return { state: 'succeeded' };
    if (phase === 'Failed') {
        const why = terminated
            ? `container exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}`
            : (pod.status?.reason ?? 'pod failed');
        return { state: 'failed', reason: `${why}${pod.status?.message ? `: ${pod.status.message}` : ''}` };
    }
    const waiting = container?.state?.waiting;
    if (waiting?.reason && STUCK_REASONS.includes(waiting.reason))
        return { state: 'failed', reason: `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}` };
    return { state: 'running' };
}
/** The ARN from `aws sts get-caller-identity`'s JSON (or text/table output, as a fallback). */
function callerArnFromLogs(logs) {
    try {
        const parsed = JSON.parse(logs.trim());
        if (typeof parsed === 'object' && parsed !== null && 'Arn' in parsed) {
            const arn = parsed.Arn;
            if (typeof arn === 'string')
                return arn;
        }
    }
    catch {
        // Not JSON alone (a warning may precede it): fall through to a search.
    }
    return /arn:[\w-]+:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+/.exec(logs)?.[0];
}
/**
 * The longest log line the diagnosis quotes. A pod's lines go into the diagnosis output, the summary
 * and the step's error: one runaway line (a proxy's HTML page inside an error) would push them past
 * GitHub's limits (1 MB of outputs per job, 1 MiB of summary per step), which drop them whole.
 */
const MAX_LOG_LINE = 500;
/** The last `count` non-blank lines, each cut to MAX_LOG_LINE characters; redact before, not after. */
function lastLines(text, count) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trimEnd())
        .filter((line) => line !== '')
        .slice(-count)
        .map((line) => (line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line));
}
/** The most events of its pod a failed pod check quotes: the latest, as with its log lines. */
const MAX_EVENTS = 10;
/**
 * The pod's last `count` events, each on one line cut to MAX_LOG_LINE characters, as lastLines does
 * for its log (redact before, not after): an event's message (a webhook's refusal, an image pull's
 * error) is as unbounded as a log line, and a pod that crash-loops or is refused again and again has many.
 */
function eventLines(events, count) {
    const left = events.length - count;
    const lines = events.slice(-count).map((event) => {
        const line = `${event.type} ${event.reason}: ${event.message}`.replace(/\s+/g, ' ').trim();
        return line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line;
    });
    return left > 0 ? [`(${left} earlier left out)`, ...lines] : lines;
}
/**
 * Whether a mutating webhook (the EKS pod identity webhook or a copy) added IRSA settings that
 * this action did not put into the pod: an env var, a volume, or a changed value.
 */
function webhookInjections(sent, stored) {
    const injected = [];
    const sentEnv = new Map((sent.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    for (const entry of stored.spec?.containers[0]?.env ?? []) {
        if (!entry.name.startsWith('AWS_'))
            continue;
        if (!sentEnv.has(entry.name))
            injected.push(entry.name);
        else if (sentEnv.get(entry.name) !== entry.value)
            injected.push(`${entry.name} (changed)`);
    }
    const sentVolumes = new Set((sent.spec?.volumes ?? []).map((v) => v.name));
    for (const volume of stored.spec?.volumes ?? [])
        // kube-api-access-* is the API token volume the apiserver itself adds, not a webhook's.
        if (volume.projected && !sentVolumes.has(volume.name) && !volume.name.startsWith('kube-api-access-'))
            injected.push(`volume ${volume.name}`);
    return injected;
}
/** The role a webhook has the service account's pods assume (the AWS_ROLE_ARN it set), if any. */
function webhookRoleArn(stored) {
    return stored.spec?.containers[0]?.env?.find((entry) => entry.name === 'AWS_ROLE_ARN')?.value;
}
/**
 * The audience of the token a webhook gives the service account's pods for IRSA: the projected
 * service-account token that AWS_WEB_IDENTITY_TOKEN_FILE points at. Other projected tokens (a
 * mesh sidecar's, say) are for other consumers and say nothing about STS. Undefined when no
 * webhook set the file or its token names no audience (then the API server's default applies).
 */
function webhookTokenAudience(stored) {
    const container = stored.spec?.containers[0];
    const file = container?.env?.find((entry) => entry.name === 'AWS_WEB_IDENTITY_TOKEN_FILE')?.value;
    if (!container || !file)
        return undefined;
    const mount = (container.volumeMounts ?? [])
        .map((m) => ({ name: m.name, dir: m.mountPath.replace(/\/+$/, '') }))
        .filter((m) => file.startsWith(`${m.dir}/`))
        .sort((a, b) => b.dir.length - a.dir.length)[0];
    if (!mount)
        return undefined;
    const path = file.slice(mount.dir.length + 1);
    const volume = stored.spec?.volumes?.find((v) => v.name === mount.name);
    const token = volume?.projected?.sources?.find((source) => source.serviceAccountToken?.path === path);
    return token?.serviceAccountToken?.audience;
}


/***/ })

};
