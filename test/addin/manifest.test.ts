import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { addinOrigin, manifestFor, MANIFEST_FILE, MANIFEST_ORIGIN, readManifest } from '../../worker/addin-manifest.ts';
import { main } from '../../worker/cli.ts';

const SCHEMAS = fileURLToPath(new URL('./manifest-schemas/', import.meta.url));
const SHARED_SCHEMAS = fileURLToPath(new URL('../../../shared/office-manifest-schemas/', import.meta.url));
const ASSETS = fileURLToPath(new URL('../../addin/assets/', import.meta.url));
const OTHER_ORIGIN = 'https://desk.garage.example:8443';

async function validate(manifest: string) {
  const names = (await readdir(SCHEMAS)).filter((n) => n.endsWith('.xsd'));
  const preload = await Promise.all(names.map(async (fileName) => ({ fileName, contents: await readFile(join(SCHEMAS, fileName), 'utf8') })));
  const main = preload.find((p) => p.fileName === 'OfficeAppManifestV1_1.xsd')!;
  return validateXML({ xml: [{ fileName: 'manifest.xml', contents: manifest }], schema: [main], preload: preload.filter((p) => p !== main) });
}

/** Every value of `attribute` in the XML, in order. */
function attributes(xml: string, attribute: string): string[] {
  return [...xml.matchAll(new RegExp(`\\b${attribute}="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

/** Every address the manifest gives: attribute values and element text that start with a scheme. */
function addresses(xml: string): string[] {
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, '');
  const values = [...withoutComments.matchAll(/="(\w+:\/\/[^"]*)"|>(\w+:\/\/[^<]*)</g)].map((m) => (m[1] ?? m[2])!);
  return values.filter((v) => !v.startsWith('http://schemas.microsoft.com/') && !v.startsWith('http://www.w3.org/'));
}

describe('the add-in manifest', () => {
  it('is valid against the Office manifest schemas', async () => {
    const result = await validate(await readFile(MANIFEST_FILE, 'utf8'));
    assert.deepEqual(result.errors.map((e) => e.rawMessage), []);
    assert.equal(result.valid, true);
  });

  it('is still valid with every address moved to another origin', async () => {
    const result = await validate(await readManifest(OTHER_ORIGIN));
    assert.equal(result.valid, true, result.rawOutput);
  });

  it('fails the schema when an element is out of place, so the check is real', async () => {
    const broken = (await readFile(MANIFEST_FILE, 'utf8')).replace('<ProviderName>', '<Provider>').replace('</ProviderName>', '</Provider>');
    const result = await validate(broken);
    assert.equal(result.valid, false);
  });

  it('names only resources it defines, and defines none it does not use', async () => {
    const manifest = await readFile(MANIFEST_FILE, 'utf8');
    const used = new Set(attributes(manifest, 'resid'));
    const defined = new Set([...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]*)"/g)].map((m) => m[1]!));
    assert.deepEqual([...used].filter((id) => !defined.has(id)), []);
    assert.deepEqual([...defined].filter((id) => !used.has(id)), []);
  });

  it('has each ribbon icon at 16, 32 and 80 pixels, and every icon it names exists at its size', async () => {
    const manifest = await readFile(MANIFEST_FILE, 'utf8');
    for (const icon of manifest.match(/<Icon>[\s\S]*?<\/Icon>/g) ?? []) assert.deepEqual(attributes(icon, 'size'), ['16', '32', '80']);
    const iconUrls = addresses(manifest).filter((url) => url.endsWith('.png'));
    assert.ok(iconUrls.length >= 5);
    for (const url of iconUrls) {
      const name = url.slice(url.lastIndexOf('/') + 1);
      const png = await readFile(join(ASSETS, name));
      const size = Number(/icon-(\d+)\.png/.exec(name)![1]);
      // A PNG's width and height are the IHDR's first two numbers.
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size], name);
    }
  });

  it('moves every address to the origin given, and leaves none on the default', async () => {
    const manifest = await readManifest(OTHER_ORIGIN);
    const all = addresses(manifest);
    assert.ok(all.length >= 10);
    assert.deepEqual(all.filter((url) => !url.startsWith(`${OTHER_ORIGIN}/`) && url !== OTHER_ORIGIN), []);
    assert.equal(manifest.includes(MANIFEST_ORIGIN), false);
  });

  it('is written for the default origin throughout', async () => {
    const all = addresses(await readFile(MANIFEST_FILE, 'utf8'));
    assert.deepEqual(all.filter((url) => !url.startsWith(MANIFEST_ORIGIN)), []);
  });

  it('has a support address and the three ribbon commands', async () => {
    const manifest = await readFile(MANIFEST_FILE, 'utf8');
    assert.match(manifest, /<SupportUrl DefaultValue="https:\/\/[^"]+"/);
    assert.match(manifest, /xsi:type="ShowTaskpane"/);
    assert.deepEqual([...manifest.matchAll(/<FunctionName>(\w+)<\/FunctionName>/g)].map((m) => m[1]), ['sendApproved', 'refreshStatuses']);
  });

  it('refuses an origin Office cannot load: plain http, or one with a path', () => {
    assert.ok('error' in addinOrigin('http://localhost:3443'));
    assert.ok('error' in addinOrigin('https://localhost:3443/pane'));
    assert.ok('error' in addinOrigin('localhost:3443'));
    assert.deepEqual(addinOrigin('https://localhost:3443/'), { origin: 'https://localhost:3443' });
  });

  it('prints the manifest for an origin from the command line', async () => {
    let out = '';
    const code = await main(['manifest', '--origin', OTHER_ORIGIN], { out: (t) => (out += t), err: () => {}, now: () => new Date() });
    assert.equal(code, 0);
    assert.equal(out, manifestFor(await readFile(MANIFEST_FILE, 'utf8'), OTHER_ORIGIN));
  });

  it('turns a plain-http origin away on the command line with exit 2', async () => {
    let err = '';
    const code = await main(['manifest', '--origin', 'http://localhost:3443'], { out: () => {}, err: (t) => (err += t), now: () => new Date() });
    assert.equal(code, 2);
    assert.match(err, /https/);
  });

  it('is validated against a copy of the shared schemas that still matches them', async function () {
    if (!existsSync(SHARED_SCHEMAS)) this.skip(); // a clone without the shared folder beside it
    for (const name of (await readdir(SHARED_SCHEMAS)).filter((n) => n.endsWith('.xsd'))) {
      assert.equal(await readFile(join(SCHEMAS, name), 'utf8'), await readFile(join(SHARED_SCHEMAS, name), 'utf8'), name);
    }
  });
});
