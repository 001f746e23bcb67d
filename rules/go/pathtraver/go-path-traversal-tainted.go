package files

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	full := filepath.Join("/srv/uploads", name)
	// ruleid: go-path-traversal-tainted
	data, _ := os.ReadFile(full)
	// ruleid: go-path-traversal-tainted
	http.ServeFile(w, r, "/srv/uploads/"+r.FormValue("doc"))
	// ok: go-path-traversal-tainted
	plain, _ := os.ReadFile(filepath.Join("/srv/uploads", filepath.Base(name)))
	w.Write(append(data, plain...))
}

func Remove(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("file")
	if strings.Contains(name, "..") {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	// ok: go-path-traversal-tainted
	os.Remove("/srv/uploads/" + name)
}

// gin: the file named by a path parameter; echo: a form value; fiber: a query value.
func GinFile(c *gin.Context) {
	name := c.Param("name")
	// ruleid: go-path-traversal-tainted
	c.File("/srv/files/" + name)
	// ok: go-path-traversal-tainted
	c.File("/srv/files/" + filepath.Base(name))
	file, _ := c.FormFile("upload")
	// ruleid: go-path-traversal-tainted
	c.SaveUploadedFile(file, "/srv/uploads/"+file.Filename)
	// ok: go-path-traversal-tainted
	c.SaveUploadedFile(file, "/srv/uploads/upload.bin")
}

func EchoFile(c echo.Context) error {
	// ruleid: go-path-traversal-tainted
	return c.Attachment("/srv/files/"+c.FormValue("f"), "report.pdf")
}

func FiberFile(c *fiber.Ctx) error {
	// ruleid: go-path-traversal-tainted
	return c.SendFile("/srv/files/" + c.Query("f"))
}
