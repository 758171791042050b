/**
 * The name index: apart from the other stores because it normalizes names (the traditional-character
 * table and pinyin-pro), which only the functions that index or compare names should carry.
 */
import type { PortFactory } from '#ports/ports';
import { DynamoNameIndex } from '../dynamo-name-index.ts';

export const nameIndex: PortFactory<'nameIndex'> = () => new DynamoNameIndex();
