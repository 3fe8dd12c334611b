'use strict';
// A Hearth client for Node.js: the services as @grpc/grpc-js clients loaded at run time from the
// proto bundle (hearth/v1 plus google/type, google/rpc, google/api), a bearer token on every call,
// and the rich error details (google.rpc.Status in the grpc-status-details-bin trailer) decoded.

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const SERVICES = ['lead', 'queue', 'contact', 'followup', 'sync', 'admin'];

/**
 * Loads the services from `protoDir`, the unpacked proto bundle
 * (`unzip hearth-proto-VERSION-protos.jar -d protoDir`).
 */
function load(protoDir) {
  const files = SERVICES.map((name) => `hearth/v1/${name}.proto`);
  const definition = protoLoader.loadSync(files, {
    includeDirs: [protoDir],
    // the field names as in the .proto files: request.page_size, lead.given_name
    keepCase: true,
    // enums as their names (LEAD_SOURCE_WEB_FORM), 64-bit integers as strings, defaults filled in
    enums: String,
    longs: String,
    defaults: true,
  });
  const hearth = grpc.loadPackageDefinition(definition).hearth.v1;

  // the error details are read with protobufjs, which knows google.protobuf.Any
  const details = new protobuf.Root();
  details.resolvePath = (origin, target) =>
    path.isAbsolute(target) ? target : path.join(protoDir, target);
  details.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto']);
  return { hearth, details };
}

/** An interceptor that sends `authorization: Bearer TOKEN` with every call. */
function bearer(token) {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}

/**
 * Clients of every service for the server at `address` (host:port). Plaintext, as the server
 * serves on loopback; for TLS pass `grpc.credentials.createSsl(caPem)` as `credentials`.
 */
function connect(protoDir, address, { token, credentials } = {}) {
  const { hearth, details } = load(protoDir);
  const options = token ? { interceptors: [bearer(token)] } : {};
  const channel = credentials || grpc.credentials.createInsecure();
  const make = (Service) => new Service(address, channel, options);
  return {
    leads: make(hearth.LeadService),
    queue: make(hearth.QueueService),
    contacts: make(hearth.ContactService),
    followUps: make(hearth.FollowUpService),
    sync: make(hearth.SyncService),
    admin: make(hearth.AdminService),
    details,
    close() {
      for (const client of [this.leads, this.queue, this.contacts, this.followUps, this.sync, this.admin]) {
        client.close();
      }
    },
  };
}

/** A unary call as a promise, with a deadline. */
function call(client, method, request, deadlineSeconds = 30) {
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + deadlineSeconds * 1000);
    client[method](request, { deadline }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

/**
 * What a failed call's details say: the ErrorInfo reason (see the README's "Error reasons"), the
 * BadRequest field violations, the ResourceInfo and the RetryInfo delay, from the
 * grpc-status-details-bin trailer.
 */
function errorDetails(details, error) {
  const result = { code: grpc.status[error.code], message: error.details, reason: '', domain: '', metadata: {}, fieldViolations: [], resource: '', retryDelaySeconds: null };
  const raw = error.metadata && error.metadata.get('grpc-status-details-bin')[0];
  if (!raw) {
    return result;
  }
  const Status = details.lookupType('google.rpc.Status');
  const status = Status.decode(raw);
  for (const any of status.details) {
    const typeName = any.type_url.substring(any.type_url.lastIndexOf('/') + 1);
    const type = details.lookupType(typeName);
    const detail = type.toObject(type.decode(any.value), { longs: Number, defaults: true });
    switch (typeName) {
      case 'google.rpc.ErrorInfo':
        result.reason = detail.reason;
        result.domain = detail.domain;
        result.metadata = detail.metadata;
        break;
      case 'google.rpc.BadRequest':
        result.fieldViolations = detail.fieldViolations.map((v) => ({ field: v.field, description: v.description }));
        break;
      case 'google.rpc.ResourceInfo':
        result.resource = detail.resourceName;
        break;
      case 'google.rpc.RetryInfo':
        result.retryDelaySeconds = Number(detail.retryDelay.seconds) + detail.retryDelay.nanos / 1e9;
        break;
      default:
        // another detail type: a newer server's; the code and message still say what happened
    }
  }
  return result;
}

module.exports = { connect, call, errorDetails, grpc };
