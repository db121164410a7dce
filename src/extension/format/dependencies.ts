/**
 * Which indexed files read which others (an OpenMMLab config reads its `_base_` chain): when a file changes,
 * the files to read again are it and its dependents, transitively, not the whole workspace. Pure (no vscode):
 * the workspace index records each file's `dependencies` (what the store loaded for it) after reading it.
 */
export class DependencyGraph {
  /** File → the files it read. */
  private readonly uses = new Map<string, ReadonlySet<string>>();
  /** File → the files that read it. */
  private readonly usedBy = new Map<string, Set<string>>();

  /** Records (or replaces) what `file` read. */
  set(file: string, dependencies: Iterable<string>): void {
    this.delete(file);
    const deps = new Set<string>();
    for (const d of dependencies) if (d !== file) deps.add(d);
    if (deps.size === 0) return;
    this.uses.set(file, deps);
    for (const d of deps) {
      let users = this.usedBy.get(d);
      if (!users) this.usedBy.set(d, (users = new Set()));
      users.add(file);
    }
  }

  /** Forgets what `file` read (it was deleted, or is read again). Files that read it keep their edges. */
  delete(file: string): void {
    const deps = this.uses.get(file);
    if (!deps) return;
    this.uses.delete(file);
    for (const d of deps) {
      const users = this.usedBy.get(d);
      users?.delete(file);
      if (users?.size === 0) this.usedBy.delete(d);
    }
  }

  /** What `file` read, as last recorded. */
  dependenciesOf(file: string): readonly string[] {
    return [...(this.uses.get(file) ?? [])];
  }

  /** Every file that read `file`, directly or through others (breadth first; cycles are fine), without `file`. */
  dependentsOf(file: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>([file]);
    const queue = [file];
    for (let i = 0; i < queue.length; i++) {
      for (const user of this.usedBy.get(queue[i]!) ?? []) {
        if (seen.has(user)) continue;
        seen.add(user);
        out.push(user);
        queue.push(user);
      }
    }
    return out;
  }

  get size(): number {
    return this.uses.size;
  }

  clear(): void {
    this.uses.clear();
    this.usedBy.clear();
  }
}
