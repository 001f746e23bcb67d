import type { ToolAnnotations, CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { describeUserFacingError } from '../errors.js';
import type { ProjectSession } from './project-session.js';

/** One MCP tool: its name and description, its zod input and output schemas, and the core call it makes. */
export interface LoopwardenTool<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  run(session: ProjectSession, input: z.infer<Input>): Promise<z.infer<Output>> | z.infer<Output>;
}

/** Returns `tool` as it is, its types checked: the input the core call receives is what its schema parses. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(tool: LoopwardenTool<Input, Output>): LoopwardenTool<Input, Output> {
  return tool;
}

/**
 * Returns the MCP result of a tool's value: `structuredContent`, and the same as JSON text for clients that
 * show only text. An error the caller can fix is a tool error with its one-line message; a bug says so,
 * without a stack trace.
 */
export async function toolResult(compute: () => Promise<object>): Promise<CallToolResult> {
  try {
    const value = await compute();
    return { structuredContent: value as Record<string, unknown>, content: [{ type: 'text', text: JSON.stringify(value) }] };
  } catch (error) {
    const message = describeUserFacingError(error);
    const text = message ?? `internal error: ${error instanceof Error ? error.message : String(error)} (please report this at https://github.com/loopwarden/loopwarden/issues)`;
    return { isError: true, content: [{ type: 'text', text: `loopwarden: ${text}` }] };
  }
}
