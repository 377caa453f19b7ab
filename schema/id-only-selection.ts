import { FragmentDefinitionNode, Kind, SelectionSetNode } from 'graphql';

/** Fields a link to another object answers from the id its parent already holds. */
const FROM_ID = new Set(['id', '__typename']);

/**
 * Whether a selection asks for nothing but `id` (and `__typename`), fragments expanded: then a
 * link whose parent holds the id needs no e-RS call. Any other field, even under a directive,
 * counts as needing the record. Used by the resolvers that link to services and by the price of
 * those links, so the estimate and the calls agree.
 */
export function selectsOnlyId(
  set: SelectionSetNode | undefined,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
  seen = new Set<string>(),
): boolean {
  if (!set) return true;
  return set.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return FROM_ID.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsOnlyId(selection.selectionSet, fragment, seen);
    const name = selection.name.value;
    // A fragment already looked at (or a cycle, refused by validation) adds nothing new.
    if (seen.has(name)) return true;
    seen.add(name);
    return selectsOnlyId(fragment(name)?.selectionSet, fragment, seen);
  });
}

/**
 * Whether a selection asks for the field `name` directly (fragments expanded, not nested deeper):
 * lets a link start a read its child field will need while its own read is in flight.
 */
export function selectsField(
  set: SelectionSetNode | undefined,
  name: string,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
  seen = new Set<string>(),
): boolean {
  if (!set) return false;
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsField(selection.selectionSet, name, fragment, seen);
    const spread = selection.name.value;
    if (seen.has(spread)) return false;
    seen.add(spread);
    return selectsField(fragment(spread)?.selectionSet, name, fragment, seen);
  });
}
