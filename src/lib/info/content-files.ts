/**
 * Reads the information content straight from content/ with Node (for the content tests and
 * build scripts, which run outside Astro). Pages use the content collections instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The project's content folder. */
export const contentDir = path.resolve(import.meta.dirname, '..', '..', '..', 'content');

/** Parse a JSON file under content/. */
export function readContentJson(relativePath: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(contentDir, relativePath), 'utf8')) as unknown;
}

/** The frontmatter and body of a Markdown file. */
export interface MarkdownFile {
  /** Path relative to content/. */
  file: string;
  /** Parsed YAML frontmatter. */
  data: unknown;
  /** Markdown body. */
  body: string;
}

/** Read a Markdown file with YAML frontmatter under content/. */
export function readMarkdown(relativePath: string): MarkdownFile {
  const text = fs.readFileSync(path.join(contentDir, relativePath), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${relativePath}: no frontmatter`);
  return { file: relativePath, data: parseYaml(match[1] ?? '') as unknown, body: match[2] ?? '' };
}

/** Files directly inside a folder under content/ with the given extension, sorted. */
export function listContent(folder: string, extension: string): string[] {
  return fs
    .readdirSync(path.join(contentDir, folder))
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => `${folder}/${name}`);
}
