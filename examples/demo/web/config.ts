// loopwarden-ignore js-hardcoded-credential: a documented test-only key for the local mock server
export const MOCK_API_KEY = 'test_key_0000000000';

export const apiBase = process.env.API_BASE ?? 'http://localhost:8080';
