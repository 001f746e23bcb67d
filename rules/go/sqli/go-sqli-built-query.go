package users

import (
	"database/sql"
	"fmt"
	"net/http"
)

func Find(db *sql.DB, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-sqli-built-query
	rows, _ := db.Query("SELECT * FROM users WHERE name = '" + name + "'")
	query := fmt.Sprintf("DELETE FROM sessions WHERE owner = '%s'", name)
	// ruleid: go-sqli-built-query
	db.Exec(query)
	// ruleid: go-sqli-built-query
	db.QueryRowContext(r.Context(), fmt.Sprintf("SELECT id FROM t WHERE a = '%s'", name))
	// ok: go-sqli-built-query
	safe, _ := db.Query("SELECT * FROM users WHERE name = $1", name)
	// ok: go-sqli-built-query
	db.QueryRowContext(r.Context(), "SELECT count(*) FROM users")
	fmt.Println(rows, safe)
}
