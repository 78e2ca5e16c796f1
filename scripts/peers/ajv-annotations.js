// ajv-cli plugin for scripts/bench-peers.sh: declares the schema's editor-only keyword
// `patternErrorMessage` (yaml-language-server shows it instead of a raw regex), which
// validators ignore but ajv's strict mode would refuse as unknown.
module.exports = (ajv) => {
  ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });
  return ajv;
};
