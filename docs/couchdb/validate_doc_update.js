// The write rules of a province database (issue 17): installed as the design document
// `_design/ntm` by scripts/couch-setup.mjs. CouchDB runs it on every write, so a phone
// cannot write outside its user's scope whatever it sends. Roles (docs/sync.md):
// `province:NN` reads the province (the database's members), `province-official:NN`
// writes all of it, `commune:NNNNN` writes that commune's documents, and
// `village:NNNNN/<id>` (a village head) that village's record, assessments and values.
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf("_admin") >= 0) return;
  var doc = newDoc._deleted ? oldDoc : newDoc;
  if (!doc) return;
  var scope = doc.scope || {};
  // An official of this database's province writes everything in it. The province is the
  // database's name (`ntm-38`: CouchDB gives it as userCtx.db) or its members' role
  // (secObj). A server that gives neither (pouchdb-server's _bulk_docs): the document's
  // province, else one the user both reads and is an official of.
  var provinces = [];
  var named = /^ntm-(\w+)$/.exec(userCtx.db || "");
  if (named) provinces.push(named[1]);
  var members = (secObj && secObj.members && secObj.members.roles) || [];
  for (var i = 0; i < members.length; i++) {
    var m = /^province:(\w+)$/.exec(members[i]);
    if (m) provinces.push(m[1]);
  }
  if (!provinces.length) {
    if (scope.province) provinces.push(scope.province);
    else {
      for (var k = 0; k < roles.length; k++) {
        var r = /^province:(\w+)$/.exec(roles[k]);
        if (r) provinces.push(r[1]);
      }
    }
  }
  for (var j = 0; j < provinces.length; j++) {
    if (roles.indexOf("province-official:" + provinces[j]) >= 0) return;
  }
  var body = doc.body || {};
  // A province or commune record as the official list has it is the same on every phone
  // (and older than any edit, so it never wins over one): any member may write it.
  var data = body.data || {};
  var stamp = data.stamp || {};
  if (body.kind === "unit" && stamp.device === "danh-muc-chinh-thuc") return;
  // A criteria set version is named by its content and counts only where it is adopted:
  // a commune may publish its village set.
  if (body.kind === "set") return;
  // A village's documents are named by its key: its record `unit#village:<id>`, its
  // assessments and their values `village:<id>|<set>|<period>…`. The role names the
  // commune too, so a village head cannot move his village to another commune.
  var village = /^(?:unit#)?village:([^|#\/]+)(?:[|#]|$)/.exec(doc._id || "");
  if (village && scope.commune && roles.indexOf("village:" + scope.commune + "/" + village[1]) >= 0) return;
  var head = false;
  for (var h = 0; h < roles.length; h++) {
    if (roles[h].indexOf("village:") === 0) head = true;
  }
  if (!scope.commune) {
    throw({ forbidden: "Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh." });
  }
  if (roles.indexOf("commune:" + scope.commune) < 0) {
    if (head) throw({ forbidden: "Trưởng thôn chỉ được ghi dữ liệu của thôn mình." });
    throw({ forbidden: "Chỉ được ghi dữ liệu của xã mình (xã " + scope.commune + ")." });
  }
}
