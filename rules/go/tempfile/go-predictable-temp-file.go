package export

import "os"

func Write(data []byte, user string) {
	// ruleid: go-predictable-temp-file
	os.WriteFile("/tmp/export.csv", data, 0644)
	// ruleid: go-predictable-temp-file
	f, _ := os.Create("/tmp/report-" + user + ".pdf")
	// ok: go-predictable-temp-file
	safe, _ := os.CreateTemp("", "export-*.csv")
	f.Close()
	safe.Close()
}
