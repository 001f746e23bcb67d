import axios from 'axios';

export async function preview(req: { query: { host: string; path: string } }) {
  // ruleid: js-ssrf-built-url
  const page = await fetch('http://' + req.query.host + '/preview');
  // ruleid: js-ssrf-built-url
  const data = await axios.get(`https://${req.query.host}/api/${req.query.path}`);
  // ok: js-ssrf-built-url
  const health = await fetch('https://api.example.com/health');
  // ok: js-ssrf-built-url
  const search = await axios.get('https://api.example.com/search', { params: { q: req.query.path } });
  return [page, data, health, search];
}
