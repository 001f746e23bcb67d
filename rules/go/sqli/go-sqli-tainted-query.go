package users

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
)

func Search(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	query := fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", name)
	// ruleid: go-sqli-tainted-query
	rows, _ := db.Query(query)
	// ruleid: go-sqli-tainted-query
	db.ExecContext(r.Context(), "DELETE FROM sessions WHERE owner = '"+r.FormValue("owner")+"'")
	// ok: go-sqli-tainted-query
	safe, _ := db.Query("SELECT id FROM users WHERE name = $1", name)
	id, _ := strconv.Atoi(r.FormValue("id"))
	// ok: go-sqli-tainted-query
	db.Exec(fmt.Sprintf("DELETE FROM users WHERE id = %d", id))
	fmt.Fprintln(w, rows, safe)
}
