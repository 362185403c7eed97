/* global fs, Mongo, sleep, print -- mongosh's own globals */
// The mongo-init job of docker/compose.yaml (mongosh --nodb --file): initiates the replica set rs0
// over mongo1..3 and creates the services' user. Safe to run again: each step checks first.
//
// Hosts are the compose service names, never IP addresses (MongoDB refuses members named by IP
// since 5.0 and containers change address). mongo1 is preferred as primary (priority 2) only to make
// the first election predictable; any member may become primary.

const SET = 'rs0';
const MEMBERS = ['mongo1:27017', 'mongo2:27017', 'mongo3:27017'];
const APP_USER = 'econtract';
const APP_DATABASE = 'econtract';

const secret = (name) => fs.readFileSync(`/run/secrets/${name}`, 'utf8').trim();
const rootPassword = secret('mongo_root_password');
const appPassword = secret('mongo_app_password');
if (appPassword.length < 16) throw new Error('mongo_app_password must hold at least 16 characters');

function adminOf(host) {
  const admin = new Mongo(`mongodb://${host}/?directConnection=true`).getDB('admin');
  admin.auth('root', rootPassword);
  return admin;
}

function retry(what, attempt, tries = 60) {
  for (let i = 1; ; i++) {
    try {
      return attempt();
    } catch (error) {
      if (i >= tries) throw new Error(`${what}: ${error.message}`);
      sleep(2000);
    }
  }
}

function replicaSetStatus(admin) {
  try {
    return admin.adminCommand({ replSetGetStatus: 1 });
  } catch (error) {
    return { ok: 0, codeName: error.codeName, errmsg: error.message };
  }
}

// 1. Initiate once, from mongo1 (the member that holds the root user from its first start).
const first = retry('connecting to mongo1 as root', () => adminOf(MEMBERS[0]));
const status = replicaSetStatus(first);
if (status.ok === 1) {
  print(`${SET} is already initiated`);
} else if (status.codeName === 'NotYetInitialized') {
  const members = MEMBERS.map((host, id) => ({ _id: id, host, priority: id === 0 ? 2 : 1 }));
  const result = first.adminCommand({ replSetInitiate: { _id: SET, members } });
  if (result.ok !== 1) throw new Error(`replSetInitiate failed: ${JSON.stringify(result)}`);
  print(`${SET} initiated with ${MEMBERS.join(', ')}`);
} else {
  throw new Error(`unexpected replica set status: ${JSON.stringify(status)}`);
}

// 2. Wait for a primary, then work on it.
const primaryHost = retry('waiting for a primary', () => {
  const current = replicaSetStatus(first);
  const primary = current.ok === 1 ? current.members.find((member) => member.stateStr === 'PRIMARY') : undefined;
  if (!primary) throw new Error(`no primary yet (${current.codeName ?? 'electing'})`);
  return primary.name;
});
const admin = retry(`connecting to the primary ${primaryHost}`, () => adminOf(primaryHost));

// 3. The services' user: read and write on their database, nothing else (indexes, renames for
//    rebuild swaps and drops are within readWrite).
if (admin.getUser(APP_USER) === null) {
  admin.createUser({ user: APP_USER, pwd: appPassword, roles: [{ role: 'readWrite', db: APP_DATABASE }] });
  print(`user ${APP_USER} created`);
} else {
  admin.updateUser(APP_USER, { pwd: appPassword, roles: [{ role: 'readWrite', db: APP_DATABASE }] });
  print(`user ${APP_USER} updated`);
}
