export const id = 924;
export const ids = [924];
export const modules = {

/***/ 8832:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var aws4 = exports,
    url = __webpack_require__(7016),
    querystring = __webpack_require__(3480),
    crypto = __webpack_require__(6982),
    lru = __webpack_require__(2638),
    credentialsCache = lru(1000)

// http://docs.amazonwebservices.com/general/latest/gr/signature-version-4.html

function hmac(key, string, encoding) {
  return crypto.createHmac('sha256', key).update(string, 'utf8').digest(encoding)
}

function hash(string, encoding) {
  return crypto.createHash('sha256').update(string, 'utf8').digest(encoding)
}

// This function assumes the string has already been percent encoded
function encodeRfc3986(urlEncodedString) {
  return urlEncodedString.replace(/[!'()*]/g, function(c) {
    return '%' + c.charCodeAt(0).toString(16).toUpperCase()
  })
}

function encodeRfc3986Full(str) {
  return encodeRfc3986(encodeURIComponent(str))
}

// A bit of a combination of:
// https://github.com/aws/aws-sdk-java-v2/blob/dc695de6ab49ad03934e1b02e7263abbd2354be0/core/auth/src/main/java/software/amazon/awssdk/auth/signer/internal/AbstractAws4Signer.java#L59
// https://github.com/aws/aws-sdk-js/blob/18cb7e5b463b46239f9fdd4a65e2ff8c81831e8f/lib/signers/v4.js#L191-L199
// https://github.com/mhart/aws4fetch/blob/b3aed16b6f17384cf36ea33bcba3c1e9f3bdfefd/src/main.js#L25-L34
var HEADERS_TO_IGNORE = {
  'authorization': true,
  'connection': true,
  'x-amzn-trace-id': true,
  'user-agent': true,
  'expect': true,
  'presigned-expires': true,
  'range': true,
}

// request: { path | body, [host], [method], [headers], [service], [region] }
// credentials: { accessKeyId, secretAccessKey, [sessionToken] }
function RequestSigner(request, credentials) {

  if (typeof request === 'string') request = url.parse(request)

  var headers = request.headers = Object.assign({}, (request.headers || {})),
      hostParts = (!this.service || !this.region) && this.matchHost(request.hostname || request.host || headers.Host || headers.host)

  this.request = request
  this.credentials = credentials || this.defaultCredentials()

  this.service = request.service || hostParts[0] || ''
  this.region = request.region || hostParts[1] || 'us-east-1'

  // SES uses a different domain from the service name
  if (this.service === 'email') this.service = 'ses'

  if (!request.method && request.body)
    request.method = 'POST'

  if (!headers.Host && !headers.host) {
    headers.Host = request.hostname || request.host || this.createHost()

    // If a port is specified explicitly, use it as is
    if (request.port)
      headers.Host += ':' + request.port
  }
  if (!request.hostname && !request.host)
    request.hostname = headers.Host || headers.host

  this.isCodeCommitGit = this.service === 'codecommit' && request.method === 'GIT'

  this.extraHeadersToIgnore = request.extraHeadersToIgnore || Object.create(null)
  this.extraHeadersToInclude = request.extraHeadersToInclude || Object.create(null)
}

RequestSigner.prototype.matchHost = function(host) {
  var match = (host || '').match(/([^\.]{1,63})\.(?:([^\.]{0,63})\.)?amazonaws\.com(\.cn)?$/)
  var hostParts = (match || []).slice(1, 3)

  // ES's hostParts are sometimes the other way round, if the value that is expected
  // to be region equals ‘es’ switch them back
  // e.g. search-cluster-name-aaaa00aaaa0aaa0aaaaaaa0aaa.us-east-1.es.amazonaws.com
  if (hostParts[1] === 'es' || hostParts[1] === 'aoss')
    hostParts = hostParts.reverse()

  if (hostParts[1] == 's3') {
    hostParts[0] = 's3'
    hostParts[1] = 'us-east-1'
  } else {
    for (var i = 0; i < 2; i++) {
      if (/^s3-/.test(hostParts[i])) {
        hostParts[1] = hostParts[i].slice(3)
        hostParts[0] = 's3'
        break
      }
    }
  }

  return hostParts
}

// http://docs.aws.amazon.com/general/latest/gr/rande.html
RequestSigner.prototype.isSingleRegion = function() {
  // Special case for S3 and SimpleDB in us-east-1
  if (['s3', 'sdb'].indexOf(this.service) >= 0 && this.region === 'us-east-1') return true

  return ['cloudfront', 'ls', 'route53', 'iam', 'importexport', 'sts']
    .indexOf(this.service) >= 0
}

RequestSigner.prototype.createHost = function() {
  var region = this.isSingleRegion() ? '' : '.' + this.region,
      subdomain = this.service === 'ses' ? 'email' : this.service
  return subdomain + region + '.amazonaws.com'
}

RequestSigner.prototype.prepareRequest = function() {
  this.parsePath()

  var request = this.request, headers = request.headers, query

  if (request.signQuery) {

    this.parsedPath.query = query = this.parsedPath.query || {}

    if (this.credentials.sessionToken)
      query['X-Amz-Security-Token'] = this.credentials.sessionToken

    if (this.service === 's3' && !query['X-Amz-Expires'])
      query['X-Amz-Expires'] = 86400

    if (query['X-Amz-Date'])
      this.datetime = query['X-Amz-Date']
    else
      query['X-Amz-Date'] = this.getDateTime()

    query['X-Amz-Algorithm'] = 'AWS4-HMAC-SHA256'
    query['X-Amz-Credential'] = this.credentials.accessKeyId + '/' + this.credentialString()
    query['X-Amz-SignedHeaders'] = this.signedHeaders()

  } else {

    if (!request.doNotModifyHeaders && !this.isCodeCommitGit) {
      if (request.body && !headers['Content-Type'] && !headers['content-type'])
        headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8'

      if (request.body && !headers['Content-Length'] && !headers['content-length'])
        headers['Content-Length'] = Buffer.byteLength(request.body)

      if (this.credentials.sessionToken && !headers['X-Amz-Security-Token'] && !headers['x-amz-security-token'])
        headers['X-Amz-Security-Token'] = this.credentials.sessionToken

      if (this.service === 's3' && !headers['X-Amz-Content-Sha256'] && !headers['x-amz-content-sha256'])
        headers['X-Amz-Content-Sha256'] = hash(this.request.body || '', 'hex')

      if (headers['X-Amz-Date'] || headers['x-amz-date'])
        this.datetime = headers['X-Amz-Date'] || headers['x-amz-date']
      else
        headers['X-Amz-Date'] = this.getDateTime()
    }

    delete headers.Authorization
    delete headers.authorization
  }
}

RequestSigner.prototype.sign = function() {
  if (!this.parsedPath) this.prepareRequest()

  if (this.request.signQuery) {
    this.parsedPath.query['X-Amz-Signature'] = this.signature()
  } else {
    this.request.headers.Authorization = this.authHeader()
  }

  this.request.path = this.formatPath()

  return this.request
}

RequestSigner.prototype.getDateTime = function() {
  if (!this.datetime) {
    var headers = this.request.headers,
      date = new Date(headers.Date || headers.date || new Date)

    this.datetime = date.toISOString().replace(/[:\-]|\.\d{3}/g, '')

    // Remove the trailing 'Z' on the timestamp string for CodeCommit git access
    if (this.isCodeCommitGit) this.datetime = this.datetime.slice(0, -1)
  }
  return this.datetime
}

RequestSigner.prototype.getDate = function() {
  return this.getDateTime().substr(0, 8)
}

RequestSigner.prototype.authHeader = function() {
  return [
    'AWS4-HMAC-SHA256 Credential=' + this.credentials.accessKeyId + '/' + this.credentialString(),
    'SignedHeaders=' + this.signedHeaders(),
    'Signature=' + this.signature(),
  ].join(', ')
}

RequestSigner.prototype.signature = function() {
  var date = this.getDate(),
      cacheKey = [this.credentials.secretAccessKey, date, this.region, this.service].join(),
      kDate, kRegion, kService, kCredentials = credentialsCache.get(cacheKey)
  if (!kCredentials) {
    kDate = hmac('AWS4' + this.credentials.secretAccessKey, date)
    kRegion = hmac(kDate, this.region)
    kService = hmac(kRegion, this.service)
    kCredentials = hmac(kService, 'aws4_request')
    credentialsCache.set(cacheKey, kCredentials)
  }
  return hmac(kCredentials, this.stringToSign(), 'hex')
}

RequestSigner.prototype.stringToSign = function() {
  return [
    'AWS4-HMAC-SHA256',
    this.getDateTime(),
    this.credentialString(),
    hash(this.canonicalString(), 'hex'),
  ].join('\n')
}

RequestSigner.prototype.canonicalString = function() {
  if (!this.parsedPath) this.prepareRequest()

  var pathStr = this.parsedPath.path,
      query = this.parsedPath.query,
      headers = this.request.headers,
      queryStr = '',
      normalizePath = this.service !== 's3',
      decodePath = this.service === 's3' || this.request.doNotEncodePath,
      decodeSlashesInPath = this.service === 's3',
      firstValOnly = this.service === 's3',
      bodyHash

  if (this.service === 's3' && this.request.signQuery) {
    bodyHash = 'UNSIGNED-PAYLOAD'
  } else if (this.isCodeCommitGit) {
    bodyHash = ''
  } else {
    bodyHash = headers['X-Amz-Content-Sha256'] || headers['x-amz-content-sha256'] ||
      hash(this.request.body || '', 'hex')
  }

  if (query) {
    var reducedQuery = Object.keys(query).reduce(function(obj, key) {
      if (!key) return obj
      obj[encodeRfc3986Full(key)] = !Array.isArray(query[key]) ? query[key] :
        (firstValOnly ? query[key][0] : query[key])
      return obj
    }, {})
    var encodedQueryPieces = []
    Object.keys(reducedQuery).sort().forEach(function(key) {
      if (!Array.isArray(reducedQuery[key])) {
        encodedQueryPieces.push(key + '=' + encodeRfc3986Full(reducedQuery[key]))
      } else {
        reducedQuery[key].map(encodeRfc3986Full).sort()
          .forEach(function(val) { encodedQueryPieces.push(key + '=' + val) })
      }
    })
    queryStr = encodedQueryPieces.join('&')
  }
  if (pathStr !== '/') {
    if (normalizePath) pathStr = pathStr.replace(/\/{2,}/g, '/')
    pathStr = pathStr.split('/').reduce(function(path, piece) {
      if (normalizePath && piece === '..') {
        path.pop()
      } else if (!normalizePath || piece !== '.') {
        if (decodePath) piece = decodeURIComponent(piece.replace(/\+/g, ' '))
        path.push(encodeRfc3986Full(piece))
      }
      return path
    }, []).join('/')
    if (pathStr[0] !== '/') pathStr = '/' + pathStr
    if (decodeSlashesInPath) pathStr = pathStr.replace(/%2F/g, '/')
  }

  return [
    this.request.method || 'GET',
    pathStr,
    queryStr,
    this.canonicalHeaders() + '\n',
    this.signedHeaders(),
    bodyHash,
  ].join('\n')
}

RequestSigner.prototype.filterHeaders = function() {
  var headers = this.request.headers,
      extraHeadersToInclude = this.extraHeadersToInclude,
      extraHeadersToIgnore = this.extraHeadersToIgnore
  this.filteredHeaders = Object.keys(headers)
    .map(function(key) { return [key.toLowerCase(), headers[key]] })
    .filter(function(entry) {
      return extraHeadersToInclude[entry[0]] ||
        (HEADERS_TO_IGNORE[entry[0]] == null && !extraHeadersToIgnore[entry[0]])
    })
    .sort(function(a, b) { return a[0] < b[0] ? -1 : 1 })
}

RequestSigner.prototype.canonicalHeaders = function() {
  if (!this.filteredHeaders) this.filterHeaders()

  return this.filteredHeaders.map(function(entry) {
    return entry[0] + ':' + entry[1].toString().trim().replace(/\s+/g, ' ')
  }).join('\n')
}

RequestSigner.prototype.signedHeaders = function() {
  if (!this.filteredHeaders) this.filterHeaders()

  return this.filteredHeaders.map(function(entry) { return entry[0] }).join(';')
}

RequestSigner.prototype.credentialString = function() {
  return [
    this.getDate(),
    this.region,
    this.service,
    'aws4_request',
  ].join('/')
}

RequestSigner.prototype.defaultCredentials = function() {
  var env = process.env
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID || env.AWS_ACCESS_KEY,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY || env.AWS_SECRET_KEY,
    sessionToken: env.AWS_SESSION_TOKEN,
  }
}

RequestSigner.prototype.parsePath = function() {
  var path = this.request.path || '/'

  // S3 doesn't always encode characters > 127 correctly and
  // all services don't encode characters > 255 correctly
  // So if there are non-reserved chars (and it's not already all % encoded), just encode them all
  if (/[^0-9A-Za-z;,/?:@&=+$\-_.!~*'()#%]/.test(path)) {
    path = encodeURI(decodeURI(path))
  }

  var queryIx = path.indexOf('?'),
      query = null

  if (queryIx >= 0) {
    query = querystring.parse(path.slice(queryIx + 1))
    path = path.slice(0, queryIx)
  }

  this.parsedPath = {
    path: path,
    query: query,
  }
}

RequestSigner.prototype.formatPath = function() {
  var path = this.parsedPath.path,
      query = this.parsedPath.query

  if (!query) return path

  // Services don't support empty query string keys
  if (query[''] != null) delete query['']

  return path + '?' + encodeRfc3986(querystring.stringify(query))
}

aws4.RequestSigner = RequestSigner

aws4.sign = function(request, credentials) {
  return new RequestSigner(request, credentials).sign()
}


/***/ }),

/***/ 2638:
/***/ ((module) => {

module.exports = function(size) {
  return new LruCache(size)
}

function LruCache(size) {
  this.capacity = size | 0
  this.map = Object.create(null)
  this.list = new DoublyLinkedList()
}

LruCache.prototype.get = function(key) {
  var node = this.map[key]
  if (node == null) return undefined
  this.used(node)
  return node.val
}

LruCache.prototype.set = function(key, val) {
  var node = this.map[key]
  if (node != null) {
    node.val = val
  } else {
    if (!this.capacity) this.prune()
    if (!this.capacity) return false
    node = new DoublyLinkedNode(key, val)
    this.map[key] = node
    this.capacity--
  }
  this.used(node)
  return true
}

LruCache.prototype.used = function(node) {
  this.list.moveToFront(node)
}

LruCache.prototype.prune = function() {
  var node = this.list.pop()
  if (node != null) {
    delete this.map[node.key]
    this.capacity++
  }
}


function DoublyLinkedList() {
  this.firstNode = null
  this.lastNode = null
}

DoublyLinkedList.prototype.moveToFront = function(node) {
  if (this.firstNode == node) return

  this.remove(node)

  if (this.firstNode == null) {
    this.firstNode = node
    this.lastNode = node
    node.prev = null
    node.next = null
  } else {
    node.prev = null
    node.next = this.firstNode
    node.next.prev = node
    this.firstNode = node
  }
}

DoublyLinkedList.prototype.pop = function() {
  var lastNode = this.lastNode
  if (lastNode != null) {
    this.remove(lastNode)
  }
  return lastNode
}

DoublyLinkedList.prototype.remove = function(node) {
  if (this.firstNode == node) {
    this.firstNode = node.next
  } else if (node.prev != null) {
    node.prev.next = node.next
  }
  if (this.lastNode == node) {
    this.lastNode = node.prev
  } else if (node.next != null) {
    node.next.prev = node.prev
  }
}


function DoublyLinkedNode(key, val) {
  this.key = key
  this.val = val
  this.prev = null
  this.next = null
}


/***/ }),

/***/ 1924:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkIssuerReach: () => (/* binding */ checkIssuerReach),
  readAheadProvider: () => (/* binding */ readAheadProvider)
});

// UNUSED EXPORTS: firstProviderCall

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./node_modules/aws4/aws4.js
var aws4 = __webpack_require__(8832);
var aws4_default = /*#__PURE__*/__webpack_require__.n(aws4);
// EXTERNAL MODULE: ./src/json/shape.ts
var shape = __webpack_require__(5507);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/partitions.ts
var partitions = __webpack_require__(5986);
;// CONCATENATED MODULE: ./src/aws/read-ahead.ts
// A run's first AWS call, sent while the AWS SDK is still loading. Importing the SDK takes 50–60 ms
// on Node 24 (V8 compiling and running ~1.2 MB of JavaScript) before it can send anything, and the
// first call's round trip then comes on top. The call is known from the inputs alone, so it is signed
// with environment credentials (aws4, a small SigV4 library) and sent at once; the SDK, once loaded,
// is given the answer when it makes the very same call (same endpoint, parameters, credentials and
// signing region), and parses, retries and reports it as its own. Anything that differs, and a
// failure of the early call before it was sent, leaves the SDK to send the call itself; a failure
// once it was sent is the SDK's first attempt, which it retries as its own. The answer it gets is
// never another request's, and IAM gets no more requests than the SDK's attempts.








// The codes the SDK's HTTP handler names a TimeoutError (NODEJS_TIMEOUT_ERROR_CODES), which its
// retry strategy takes as transient.
const TIMEOUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** `error` as the SDK's HTTP handler rejects with it. */
function asHandlerError(error) {
    const code = error.code;
    return typeof code === 'string' && TIMEOUT_CODES.has(code)
        ? Object.assign(error, { name: 'TimeoutError' })
        : error;
}
/**
 * The credentials the SDK's default chain takes first, when it will take them: with AWS_PROFILE set
 * it skips the environment's keys for the profile's.
 */
function environmentCredentials(env) {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey || env.AWS_PROFILE)
        return undefined;
    return env.AWS_SESSION_TOKEN
        ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN }
        : { accessKeyId, secretAccessKey };
}
/**
 * Whether the SDK takes `region` as it is: a host label (else it refuses the region, "Region not
 * accepted", and sends nothing), and no FIPS pseudo-region (fips-REGION, REGION-fips), which turns
 * FIPS endpoints on (its own partition's, which is not always the name's: fips-cn-north-1 is aws-cn)
 * and which the SDK refuses with an endpoint variable.
 */
function plainRegion(region) {
    return (/^(?!-)(?!.*-$)[a-zA-Z0-9-]{1,63}$/.test(region) &&
        !region.startsWith('fips-') &&
        !region.endsWith('-fips'));
}
/** The SDK's home directory (getHomeDir): HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS's. */
function sdkHome(env) {
    if (env.HOME)
        return env.HOME;
    if (env.USERPROFILE)
        return env.USERPROFILE;
    if (env.HOMEPATH)
        return `${env.HOMEDRIVE ?? `C:${external_node_path_.sep}`}${env.HOMEPATH}`;
    return (0,external_node_os_.homedir)();
}
/**
 * Whether a shared file may set what decides the SDK's endpoint (use_fips_endpoint,
 * use_dualstack_endpoint, endpoint_url, a services section): the config file, and the credentials
 * file, whose profile the SDK merges under the config file's for these settings too. Their paths as
 * the SDK reads them: a leading ~/ is its home directory.
 */
function sharedFileExists(env) {
    const home = sdkHome(env);
    const resolved = (path) => (path.startsWith('~/') ? (0,external_node_path_.join)(home, path.slice(2)) : path);
    return ((0,external_node_fs_.existsSync)(resolved(env.AWS_CONFIG_FILE || (0,external_node_path_.join)(home, '.aws', 'config'))) ||
        (0,external_node_fs_.existsSync)(resolved(env.AWS_SHARED_CREDENTIALS_FILE || (0,external_node_path_.join)(home, '.aws', 'credentials'))));
}
/**
 * An endpoint variable's URL as the SDK sends IAM's query calls to it: at its path with a slash
 * appended (https://host/prefix is posted to /prefix/). One with a query, a fragment or user
 * information is left to the SDK.
 */
function endpointTarget(endpoint, region) {
    if (!URL.canParse(endpoint))
        return undefined;
    const url = new URL(endpoint);
    if (url.search || url.hash || url.username || url.password)
        return undefined;
    if (!url.pathname.endsWith('/'))
        url.pathname += '/';
    return { url, signingRegion: region };
}
/**
 * Whether the SDK's endpoint rules place `region` in the aws partition: aws-global, or a region its
 * partitions table's aws regionRegex matches and no other partition's prefix claims. The other
 * partitions' own pseudo-regions (aws-us-gov-global, aws-cn-global, ...) are theirs, and a region
 * no partition matches is left to the SDK.
 */
function inAwsPartition(region) {
    if (region === 'aws-global')
        return true;
    return /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/.test(region) && (0,partitions/* partitionOfRegion */.cn)(region) === 'aws';
}
/**
 * Where the SDK will send IAM calls and the region it signs them for, where that is known without
 * its endpoint rules: an endpoint variable's URL (signed for the client's region), or the aws
 * partition's global endpoint (signed for us-east-1). A region the SDK would refuse or read as FIPS,
 * FIPS or dual-stack (which the SDK refuses with an endpoint variable), a shared config or credentials
 * file (which may set either, or an endpoint) and the other partitions are left to the SDK.
 */
function iamTarget(env, region) {
    if (!plainRegion(region))
        return undefined;
    if (env.AWS_USE_FIPS_ENDPOINT || env.AWS_USE_DUALSTACK_ENDPOINT || sharedFileExists(env))
        return undefined;
    const endpoint = (0,clients/* endpointFor */.Lo)('IAM', env);
    if (endpoint)
        return endpointTarget(endpoint, region);
    if (!inAwsPartition(region))
        return undefined;
    return { url: new URL('https://iam.amazonaws.com/'), signingRegion: 'us-east-1' };
}
function headerText(value) {
    return Array.isArray(value) ? value.join(',') : (value ?? '');
}
function collect(response) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
            const headers = {};
            for (const [name, value] of Object.entries(response.headers))
                headers[name] = headerText(value);
            resolve({
                statusCode: response.statusCode ?? 0,
                reason: response.statusMessage,
                headers,
                body: Buffer.concat(chunks)
            });
        });
    });
}
function sameParams(a, b) {
    const sorted = (text) => [...new URLSearchParams(text)]
        .map(([key, value]) => `${key}=${value}`)
        .sort()
        .join('&');
    return sorted(a) === sorted(b);
}
/** Credential=KEY/DATE/REGION/SERVICE/aws4_request of a SigV4 Authorization header. */
function credentialScope(authorization) {
    return /Credential=([^,\s]+)/.exec(authorization ?? '')?.[1]?.split('/');
}
function isSignedRequest(request) {
    if (!(0,shape/* isRecord */.u4)(request))
        return false;
    const { method, protocol, hostname, path, headers } = request;
    return (typeof method === 'string' &&
        typeof protocol === 'string' &&
        typeof hostname === 'string' &&
        typeof path === 'string' &&
        (0,shape/* isRecord */.u4)(headers));
}
class ReadAhead {
    call;
    target;
    credentials;
    body;
    /** Shared with the SDK's HTTP handler, so that its next call reuses the early call's connection. */
    agent;
    answer;
    /** Settles once the request is on the wire, or has failed. */
    sent;
    claimed = false;
    /** What became of the early call, for the run's debug log. */
    outcome = 'not yet asked for by the SDK';
    constructor(call, target, credentials, body, http) {
        this.call = call;
        this.target = target;
        this.credentials = credentials;
        this.body = body;
        this.agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
        // Settles with what failed rather than rejecting: nobody may be waiting for it.
        let wired = () => undefined;
        this.sent = new Promise((resolve) => (wired = resolve));
        let onTheWire = false;
        this.answer = new Promise((resolve) => {
            const failed = (error) => {
                // Not `instanceof Error`: Node's own errors come from another realm under a VM (Jest).
                const isError = (0,shape/* isRecord */.u4)(error) && typeof error.message === 'string';
                resolve({
                    failed: isError ? String(error.message) : String(error),
                    ...(onTheWire && isError ? { thrown: asHandlerError(error) } : {})
                });
            };
            let request;
            try {
                request = http.request(target.url, {
                    method: 'POST',
                    headers: this.signedHeaders(body),
                    agent: this.agent,
                    timeout: clients/* AWS_REQUEST_TIMEOUT_MS */.ZE
                });
            }
            catch (error) {
                // http.request throws for a header value it refuses (ERR_INVALID_CHAR: a key or token with
                // a newline): a failed call, not a promise that never settles and a rejection nobody handles.
                failed(error);
                wired();
                return;
            }
            request.on('response', (response) => collect(response).then(resolve, failed));
            // As the SDK's requestTimeout fails an attempt: a TimeoutError, which it retries.
            request.on('timeout', () => request.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' })));
            request.on('error', failed);
            // The SDK's connection timeout, to the request on the wire (TLS included): the action waits
            // for it before loading the SDK, so a silent endpoint must not hold it for the answer's 20 s.
            const connecting = setTimeout(() => request.destroy(new Error(`not connected in ${clients/* AWS_CONNECT_TIMEOUT_MS */.sH / 1000} s`)), clients/* AWS_CONNECT_TIMEOUT_MS */.sH);
            const onWire = () => {
                clearTimeout(connecting);
                wired();
            };
            request.on('finish', onWire);
            request.on('close', onWire);
            // Connected (TLS: its handshake done), the request is written at once: IAM may have it from
            // then on. Not 'finish', which may come after a reset the server sent on reading it.
            request.on('socket', (socket) => {
                const connected = () => {
                    onTheWire = true;
                };
                if (!socket.connecting)
                    connected();
                else
                    socket.once('encrypted' in socket && socket.encrypted ? 'secureConnect' : 'connect', connected);
            });
            request.end(body);
        });
    }
    /** The early call's headers, signed by aws4 with the environment's keys. */
    signedHeaders(body) {
        const url = this.target.url;
        return aws4_default().sign({
            host: url.hostname,
            ...(url.port ? { port: Number(url.port) } : {}),
            path: url.pathname,
            method: 'POST',
            service: this.call.service,
            region: this.target.signingRegion,
            body,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }
        }, this.credentials).headers;
    }
    /**
     * Sends `call` now when the SDK's first call can be known to be the same request: environment
     * credentials and an endpoint known without the SDK. Undefined otherwise. Resolves once the request
     * is on the wire: on Node 24 an import loads and compiles its modules without yielding to the
     * event loop, so a request merely begun before the SDK's import would not even connect until after it.
     */
    static async start(call, env, region) {
        const credentials = environmentCredentials(env);
        const target = credentials && iamTarget(env, region);
        if (!credentials || !target)
            return undefined;
        if (target.url.protocol !== 'http:' && target.url.protocol !== 'https:')
            return undefined;
        const http = target.url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7067, 23));
        const body = new URLSearchParams({
            Action: call.action,
            Version: call.version,
            ...call.params
        }).toString();
        const readAhead = new ReadAhead(call, target, credentials, body, http);
        await readAhead.sent;
        return readAhead;
    }
    /** Whether the SDK's signed request is this call, unclaimed: the same request, asked for once. */
    matches(request) {
        const url = this.target.url;
        const port = url.port ? Number(url.port) : undefined;
        const scope = credentialScope(request.headers.authorization ?? request.headers.Authorization);
        const token = request.headers['x-amz-security-token'] ?? request.headers['X-Amz-Security-Token'];
        return (request.method === 'POST' &&
            request.protocol === url.protocol &&
            request.hostname === url.hostname &&
            (request.port ?? undefined) === port &&
            request.path === url.pathname &&
            typeof request.body === 'string' &&
            sameParams(request.body, this.body) &&
            scope?.[0] === this.credentials.accessKeyId &&
            scope[2] === this.target.signingRegion &&
            scope[3] === this.call.service &&
            token === this.credentials.sessionToken);
    }
    /** A client's configuration with the early call's agent, so that its calls reuse that connection. */
    withAgent(config) {
        const agent = this.target.url.protocol === 'https:'
            ? { httpsAgent: this.agent }
            : { httpAgent: this.agent };
        return { ...config, requestHandler: { ...config.requestHandler, ...agent } };
    }
    /**
     * Serves the client's first call from the early call where it is the same request. Innermost in
     * the SDK's stack, where its HTTP handler would be called: signing, retries and parsing all stay
     * the SDK's, and a throttled or failed early answer is retried by the SDK as its own attempt.
     */
    attach(client) {
        client.middlewareStack.add((next) => async (args) => {
            const answer = isSignedRequest(args.request) ? await this.answerFor(args.request) : undefined;
            return answer ? { response: answer } : next(args);
        }, { step: 'deserialize', priority: 'low', name: 'talosIrsaReadAhead' });
        return client;
    }
    /**
     * The early call's answer, as the SDK's HTTP handler would give it, when `request` is that call
     * and the answer came; undefined when the SDK must send the request itself. Throws, as the handler
     * would, when the early call failed once on the wire.
     */
    async answerFor(request) {
        if (this.claimed)
            return undefined;
        this.claimed = true;
        if (!this.matches(request)) {
            this.outcome = `not used: the SDK's first IAM call was not ${this.call.action} as sent early`;
            return undefined;
        }
        const answer = await this.answer;
        if ('failed' in answer) {
            if (answer.thrown) {
                this.outcome = `${this.call.action} failed after it was sent (${answer.failed}): the SDK took that as its first attempt`;
                throw answer.thrown;
            }
            this.outcome = `not used: it failed before it was sent (${answer.failed}), so the SDK sent ${this.call.action} itself`;
            return undefined;
        }
        this.outcome = `${this.call.action} sent before the SDK loaded; the SDK took its answer (HTTP ${answer.statusCode})`;
        return { ...answer, body: external_node_stream_.Readable.from([answer.body]) };
    }
}

// EXTERNAL MODULE: ./src/io/errors.ts
var errors = __webpack_require__(7333);
;// CONCATENATED MODULE: ./src/net/aws-reach.ts


/**
 * Whether the calls to `service` go to AWS's own endpoint on the internet, where an issuer must be
 * public: not to an endpoint the environment names (an emulator, the local stack), and not in an
 * air-gapped ISO partition, whose services reach nothing outside it and whose issuers live inside.
 */
function awsOnInternet(service, region, env) {
    return (0,clients/* endpointFor */.Lo)(service, env) === undefined && !(0,partitions/* partitionOfRegion */.cn)(region).startsWith('aws-iso');
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

// EXTERNAL MODULE: ./src/trust/names.ts
var names = __webpack_require__(8350);
;// CONCATENATED MODULE: ./src/irsa-role/first-call.ts
// What irsa-role does between its inputs and the AWS SDK, in a chunk of its own that loads before the
// SDK's: the issuer check that refuses a provider before any call, and the provider lookup's first
// call, sent early (src/aws/read-ahead.ts) so that its round trip overlaps the SDK's loading.




/**
 * With AWS's own IAM, a provider whose issuer STS can never reach is refused before any call: no
 * role trusting it could ever be assumed. The issuer is the issuer-url input or, for provider-arn,
 * the URL the ARN ends with.
 */
function checkIssuerReach(provider, region, env) {
    if (!awsOnInternet('IAM', region, env))
        return;
    const issuer = provider.input === 'issuer-url'
        ? provider.url
        : `https://${(0,names/* parseProviderArn */.Sw)(provider.arn)?.hostPath ?? ''}`;
    const problem = unreachableHost(issuer);
    if (!problem)
        return;
    const named = provider.input === 'issuer-url' ? `'${issuer}'` : `'${provider.arn}' is the provider of ${issuer}, which`;
    throw new errors/* UserError */.yo(`${named} cannot work with AWS: ${problem}, and STS fetches the issuer's documents from the internet, so no role trusting it could be assumed. Publish the issuer on a public host (publish-oidc does).`, provider.input);
}
/** resolveProvider's first call (provider.ts): the provider by its ARN, or the account's list. */
function firstProviderCall(provider) {
    const common = { service: 'iam', version: '2010-05-08' };
    return provider.input === 'provider-arn'
        ? { ...common, action: 'GetOpenIDConnectProvider', params: { OpenIDConnectProviderArn: provider.arn } }
        : { ...common, action: 'ListOpenIDConnectProviders', params: {} };
}
function readAheadProvider(provider, env, region) {
    return ReadAhead.start(firstProviderCall(provider), env, region);
}


/***/ })

};
