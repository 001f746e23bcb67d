using System.Data.SqlClient;
using Microsoft.AspNetCore.Mvc;

public class UsersController : Controller
{
    private readonly SqlConnection conn;

    public IActionResult Find(string name)
    {
        // ruleid: csharp-sqli-built-query
        var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", conn);
        var sql = $"DELETE FROM Sessions WHERE Owner = '{name}'";
        // ruleid: csharp-sqli-built-query
        cmd.CommandText = sql;
        // ok: csharp-sqli-built-query
        cmd.CommandText = "SELECT COUNT(*) FROM Sessions";
        // ruleid: csharp-sqli-built-query
        var rows = conn.Query<User>(string.Format("SELECT * FROM Users WHERE Id = {0}", name));
        // ok: csharp-sqli-built-query
        var safe = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn);
        safe.Parameters.AddWithValue("@name", name);
        const string Table = "Users";
        // ok: csharp-sqli-built-query
        var count = new SqlCommand("SELECT COUNT(*) FROM " + Table, conn);
        return Ok(rows);
    }
}
