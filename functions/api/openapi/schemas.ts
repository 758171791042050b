/**
 * The zod schemas as OpenAPI `components/schemas`. `z.toJSONSchema` puts every schema with a meta `id`
 * under the converted schema's own `$defs`, and refers to it as `#/$defs/<id>`: a pointer that means
 * nothing at the root of an OpenAPI document. Each schema is converted on its own (so its id'd parts
 * come out as `$defs`), those `$defs` are hoisted into one component per id, and every `$ref` is
 * rewritten to `#/components/schemas/<id>`.
 *
 * A schema can read differently as a request (`io: 'input'`: defaults optional, coercions widened) and
 * as a response (`'output'`: defaults present, objects closed). An id used only one way is one
 * component named by its id; used both ways, it is one component when both read the same, else the
 * response keeps the id and the request gets `<id>Input`.
 */
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';

export type Io = 'input' | 'output';
export type JsonObject = { [key: string]: unknown };

const COMPONENTS = '#/components/schemas/';
const DEFS = '#/$defs/';
/** Marks a reference to the request reading of an id until the names are settled. */
const INPUT_MARK = '@input';

/** Applies `f` to every `$ref` string in a JSON value, in place. */
function mapRefs(value: unknown, f: (ref: string) => string): void {
  if (Array.isArray(value)) {
    for (const item of value) mapRefs(item, f);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as JsonObject;
  for (const [key, child] of Object.entries(object)) {
    if (key === '$ref' && typeof child === 'string') object[key] = f(child);
    else mapRefs(child, f);
  }
}

function refsOf(value: unknown): string[] {
  const out: string[] = [];
  mapRefs(structuredClone(value), (ref) => {
    out.push(ref);
    return ref;
  });
  return out;
}

const idOfRef = (ref: string) => ref.slice(COMPONENTS.length).replace(INPUT_MARK, '');

export class ComponentSchemas {
  private readonly defs = new Map<string, Partial<Record<Io, JsonObject>>>();
  private readonly converted: JsonObject[] = [];

  /**
   * The schema as JSON Schema whose `$ref`s point into `components/schemas`. The `$ref`s are settled
   * by `components()`, which must be called once every schema of the document has been converted.
   */
  convert(schema: z.ZodType, io: Io): JsonObject {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonObject;
    const { $schema: _dialect, $defs, ...root } = json;
    const local = (ref: string) => {
      if (!ref.startsWith(DEFS)) throw new Error(`openapi: unexpected $ref '${ref}'`);
      const id = ref.slice(DEFS.length).replaceAll('~1', '/').replaceAll('~0', '~');
      // zod names an id-less recursive schema `__schemaN`, afresh in every conversion: it cannot be shared.
      if (id.startsWith('__schema')) throw new Error('openapi: give every recursive schema a meta id');
      return `${COMPONENTS}${id}${io === 'input' ? INPUT_MARK : ''}`;
    };
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) {
      mapRefs(def, local);
      this.add(id, io, def);
    }
    mapRefs(root, local);
    this.converted.push(root);
    return root;
  }

  private add(id: string, io: Io, def: JsonObject): void {
    const variants = this.defs.get(id) ?? {};
    const known = variants[io];
    if (known && !isDeepStrictEqual(known, def))
      throw new Error(`openapi: two different schemas share the id '${id}'`);
    variants[io] = def;
    this.defs.set(id, variants);
  }

  /** Settles every `$ref` handed out so far and returns the components, by name. */
  components(): Record<string, JsonObject> {
    const merged = this.mergedIds();
    const nameOf = (id: string, io: Io) =>
      io === 'input' && this.defs.get(id)?.output && !merged.has(id) ? `${id}Input` : id;
    const settle = (ref: string) =>
      ref.startsWith(COMPONENTS)
        ? `${COMPONENTS}${nameOf(idOfRef(ref), ref.endsWith(INPUT_MARK) ? 'input' : 'output')}`
        : ref;
    const out: Record<string, JsonObject> = {};
    for (const [id, variants] of [...this.defs].sort(([a], [b]) => a.localeCompare(b))) {
      for (const io of ['output', 'input'] as const) {
        const def = variants[io];
        const name = nameOf(id, io);
        if (!def || out[name]) continue;
        if (name !== id && this.defs.has(name)) throw new Error(`openapi: the id '${name}' is taken`);
        out[name] = structuredClone(def);
        mapRefs(out[name], settle);
      }
    }
    for (const root of this.converted) mapRefs(root, settle);
    return out;
  }

  /**
   * The ids used both ways that read the same both ways. Two readings compare equal only if what they
   * refer to is merged too, so ids are dropped until no merged id refers to an unmerged one.
   */
  private mergedIds(): Set<string> {
    const unmark = (def: JsonObject) => {
      const copy = structuredClone(def);
      mapRefs(copy, (ref) => ref.replace(INPUT_MARK, ''));
      return copy;
    };
    const merged = new Set<string>();
    for (const [id, { input, output }] of this.defs)
      if (input && output && isDeepStrictEqual(unmark(input), output)) merged.add(id);
    for (let changed = true; changed; ) {
      changed = false;
      for (const id of merged) {
        const split = refsOf(this.defs.get(id)?.input).some((ref) => {
          const target = idOfRef(ref);
          return this.defs.get(target)?.output !== undefined && !merged.has(target);
        });
        if (split) {
          merged.delete(id);
          changed = true;
        }
      }
    }
    return merged;
  }
}
