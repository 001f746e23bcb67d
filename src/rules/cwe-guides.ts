/** Where a person learns to avoid one weakness: its name, its CWE page, and the OWASP Cheat Sheet on it (when one exists). */
export interface CweGuide {
  cwe: string;
  name: string;
  cweUrl: string;
  /** The OWASP Cheat Sheet that teaches the defence; none for weaknesses no cheat sheet covers (memory safety). */
  cheatSheet: { title: string; url: string } | null;
}

const sheet = (title: string) => ({ title: title.replaceAll('_', ' '), url: `https://cheatsheetseries.owasp.org/cheatsheets/${title}.html` });

// The first CWE of every built-in rule (a finding's class) has an entry: a test keeps it so.
const GUIDES: Record<number, [name: string, cheatSheet: ReturnType<typeof sheet> | null]> = {
  22: ['Path Traversal', sheet('Input_Validation_Cheat_Sheet')],
  78: ['OS Command Injection', sheet('OS_Command_Injection_Defense_Cheat_Sheet')],
  79: ['Cross-site Scripting', sheet('Cross_Site_Scripting_Prevention_Cheat_Sheet')],
  89: ['SQL Injection', sheet('SQL_Injection_Prevention_Cheat_Sheet')],
  90: ['LDAP Injection', sheet('LDAP_Injection_Prevention_Cheat_Sheet')],
  94: ['Code Injection', sheet('Injection_Prevention_Cheat_Sheet')],
  95: ['Eval Injection', sheet('Injection_Prevention_Cheat_Sheet')],
  120: ['Classic Buffer Overflow', null],
  125: ['Out-of-bounds Read', null],
  129: ['Improper Validation of Array Index', null],
  134: ['Use of Externally-Controlled Format String', null],
  190: ['Integer Overflow or Wraparound', null],
  195: ['Signed to Unsigned Conversion Error', null],
  295: ['Improper Certificate Validation', sheet('Transport_Layer_Security_Cheat_Sheet')],
  326: ['Inadequate Encryption Strength', sheet('Cryptographic_Storage_Cheat_Sheet')],
  327: ['Broken or Risky Cryptographic Algorithm', sheet('Cryptographic_Storage_Cheat_Sheet')],
  328: ['Use of Weak Hash', sheet('Password_Storage_Cheat_Sheet')],
  330: ['Insufficiently Random Values', sheet('Cryptographic_Storage_Cheat_Sheet')],
  377: ['Insecure Temporary File', null],
  415: ['Double Free', null],
  416: ['Use After Free', null],
  470: ['Unsafe Reflection', sheet('Input_Validation_Cheat_Sheet')],
  501: ['Trust Boundary Violation', sheet('Input_Validation_Cheat_Sheet')],
  502: ['Deserialization of Untrusted Data', sheet('Deserialization_Cheat_Sheet')],
  601: ['Open Redirect', sheet('Unvalidated_Redirects_and_Forwards_Cheat_Sheet')],
  611: ['XML External Entity Reference', sheet('XML_External_Entity_Prevention_Cheat_Sheet')],
  614: ["Sensitive Cookie Without 'Secure'", sheet('Session_Management_Cheat_Sheet')],
  643: ['XPath Injection', sheet('Injection_Prevention_Cheat_Sheet')],
  787: ['Out-of-bounds Write', null],
  798: ['Hard-coded Credentials', sheet('Secrets_Management_Cheat_Sheet')],
  806: ['Buffer Access Using Size of Source Buffer', null],
  918: ['Server-Side Request Forgery', sheet('Server_Side_Request_Forgery_Prevention_Cheat_Sheet')],
  943: ['NoSQL Injection', sheet('Injection_Prevention_Cheat_Sheet')],
  1321: ['Prototype Pollution', sheet('Prototype_Pollution_Prevention_Cheat_Sheet')],
  1336: ['Template Injection', sheet('Injection_Prevention_Cheat_Sheet')],
};

/** The guide to `cwe` (`CWE-89`); a CWE without an entry still links its CWE page. */
export function cweGuide(cwe: string): CweGuide {
  const id = /^CWE-(\d+)$/.exec(cwe)?.[1];
  const entry = id === undefined ? undefined : GUIDES[Number(id)];
  return {
    cwe,
    name: entry?.[0] ?? cwe,
    cweUrl: id === undefined ? 'https://cwe.mitre.org/' : `https://cwe.mitre.org/data/definitions/${id}.html`,
    cheatSheet: entry?.[1] ?? null,
  };
}

/** Whether `cwe` has a guide of its own (not just its CWE page). */
export function hasCweGuide(cwe: string): boolean {
  const id = /^CWE-(\d+)$/.exec(cwe)?.[1];
  return id !== undefined && GUIDES[Number(id)] !== undefined;
}
