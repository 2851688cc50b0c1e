/**
 * Snippet markers for README.md's blocks, keyed by each block's language and first line: the README's prose is
 * the lead's, so its markers live here until they are written above the blocks as
 * `<!-- snippet: ... -->` comments (a comment in the README wins over this table).
 */
export const README_MARKERS: Record<string, string> = {
  // The JavaScript quick start: complete, writes app.db in the working folder.
  'js import { createEngine, declarativeBase, sessionmaker, column, Integer, VARCHAR, select } from "athanor";':
    "run sqlite",
  // "Engine, session factory, declarative base" uses the Kit model of the next block.
  'ts import { createEngine, declarativeBase, sessionmaker } from "athanor";': "prelude=readme-kit",
  // "Models" uses the Base of the previous block.
  'ts import { column, relationship, Integer, VARCHAR, Text, DateTime, Enum, ForeignKey, Index, func } from "athanor";':
    "prelude=readme-base",
  // The seeds' FastAPI route beside Hono: the models and session factory of the blocks above.
  'ts import { Hono } from "hono";': "prelude=app",
  // "Schema without the ORM" uses the engine of the first block.
  'ts import { MetaData, Table, column, Integer, VARCHAR, ForeignKey } from "athanor";':
    "prelude=readme-base",
};
