// Lists exports that no other module imports, with the TypeScript compiler API over the project
// of tsconfig.json: `node scripts/unusedExports.mjs`. "dead" = not used in its own file either
// (delete it); "local" = used only in its own file (drop the `export`). Tests count as users.
// Files whose exports are read by name at run time (workers' exposed APIs, configs) are skipped.
import ts from 'typescript';
import { relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();
const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/'));
const SKIP = [/\.config\.ts$/, /^e2e\//, /^bench\//];

const used = new Set();
const resolved = (s) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
for (const f of files) {
  const visit = (node) => {
    if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node) || ts.isImportClause(node)) {
      const s = resolved(checker.getSymbolAtLocation(node.name ?? node));
      if (s) used.add(s);
    }
    if (ts.isNamespaceImport(node) || (ts.isExportDeclaration(node) && !node.exportClause && node.moduleSpecifier)) {
      // `import * as X` / `export * from`: every export of that module counts as used.
      const spec = ts.isNamespaceImport(node) ? node.parent.parent.moduleSpecifier : node.moduleSpecifier;
      const m = checker.getSymbolAtLocation(spec);
      if (m) for (const e of checker.getExportsOfModule(m)) used.add(resolved(e));
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const m = node.arguments[0] && checker.getSymbolAtLocation(node.arguments[0]);
      if (m) for (const e of checker.getExportsOfModule(m)) used.add(resolved(e));
    }
    if (ts.isImportTypeNode(node) && node.qualifier) {
      const s = resolved(checker.getSymbolAtLocation(node.qualifier));
      if (s) used.add(s);
    }
    ts.forEachChild(node, visit);
  };
  visit(f);
}

const localUses = (f, sym) => {
  let n = 0;
  const visit = (node) => {
    if (ts.isIdentifier(node) && node.text === sym.name) {
      const s = checker.getSymbolAtLocation(node);
      if (s === sym && !(sym.declarations ?? []).some((d) => d.name === node)) n++;
    }
    ts.forEachChild(node, visit);
  };
  visit(f);
  return n;
};

const report = [];
for (const f of files) {
  const rel = relative(root, f.fileName);
  if (SKIP.some((r) => r.test(rel))) continue;
  const m = checker.getSymbolAtLocation(f);
  if (!m) continue;
  for (const e of checker.getExportsOfModule(m)) {
    const s = resolved(e);
    if (used.has(s) || e.name === 'default') continue;
    if ((s.declarations ?? []).some((d) => d.getSourceFile() !== f)) continue; // re-export of a used symbol elsewhere
    report.push(`${localUses(f, s) ? 'local' : 'dead '}  ${rel}  ${e.name}`);
  }
}
console.log(report.sort().join('\n') || 'no unused exports');
