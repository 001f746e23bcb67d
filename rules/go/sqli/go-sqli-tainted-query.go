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

// gin, echo and fiber getters on the handler's context; a struct named c of another type is not one.
func GinSearch(c *gin.Context, db *sql.DB) {
	name := c.Query("name")
	// ruleid: go-sqli-tainted-query
	db.Query("SELECT id FROM users WHERE name = '" + name + "'")
	// ok: go-sqli-tainted-query
	db.Query("SELECT id FROM users WHERE name = ?", name)
	id, _ := strconv.Atoi(c.Param("id"))
	// ok: go-sqli-tainted-query
	db.Query(fmt.Sprintf("SELECT name FROM users WHERE id = %d", id))
}

func EchoSearch(ctx echo.Context, db *sql.DB) error {
	// ruleid: go-sqli-tainted-query
	_, err := db.Exec("DELETE FROM sessions WHERE token = '" + ctx.Param("token") + "'")
	return err
}

func FiberSearch(c *fiber.Ctx, db *sql.DB) error {
	// ruleid: go-sqli-tainted-query
	_, err := db.Query("SELECT id FROM users WHERE name = '" + c.Query("name") + "'")
	return err
}

type Cache struct{}

func (Cache) Query(key string) string { return key }

func Lookup(c Cache, db *sql.DB) {
	// ok: go-sqli-tainted-query
	db.Query("SELECT id FROM users WHERE name = '" + c.Query("admin") + "'")
}
