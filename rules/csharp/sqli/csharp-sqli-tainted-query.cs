using System.Data.SqlClient;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

public class OrdersController : Controller
{
    private readonly SqlConnection conn;
    private readonly ShopContext db;

    public IActionResult Search()
    {
        var name = Request.Query["name"];
        var sql = $"SELECT * FROM Orders WHERE Customer = '{name}'";
        // ruleid: csharp-sqli-tainted-query
        var cmd = new SqlCommand(sql, conn);
        // ruleid: csharp-sqli-tainted-query
        cmd.CommandText = "DELETE FROM Carts WHERE Owner = '" + HttpContext.Request.Cookies["owner"] + "'";
        var builder = new StringBuilder("SELECT * FROM Orders WHERE Region = ");
        builder.Append(Request.Headers["X-Region"]);
        // ruleid: csharp-sqli-tainted-query
        cmd.CommandText = builder.ToString();
        // ok: csharp-sqli-tainted-query
        var safe = new SqlCommand("SELECT * FROM Orders WHERE Customer = @name", conn);
        safe.Parameters.AddWithValue("@name", name);
        var id = int.Parse(Request.Query["id"]);
        // ok: csharp-sqli-tainted-query
        cmd.CommandText = "SELECT * FROM Orders WHERE Id = " + id;
        if (Request.Headers.TryGetValue("X-Status", out var status))
        {
            // ruleid: csharp-sqli-tainted-query
            cmd.CommandText = "SELECT * FROM Orders WHERE Status = '" + status + "'";
        }
        if (int.TryParse(Request.Query["page"], out var page))
        {
            // ok: csharp-sqli-tainted-query
            cmd.CommandText = "SELECT * FROM Orders ORDER BY Id OFFSET " + page * 20 + " ROWS";
        }
        sql = "SELECT COUNT(*) FROM Orders";
        // ok: csharp-sqli-tainted-query
        cmd.CommandText = sql;
        return Ok();
    }

    // A public action's string parameter is bound from the route, query string or form.
    public IActionResult ByCustomer(string customer, int page)
    {
        // ruleid: csharp-sqli-tainted-query
        var orders = db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Customer = '" + customer + "'").ToList();
        // ok: csharp-sqli-tainted-query
        var bound = db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Customer = {0}", customer).ToList();
        // ok: csharp-sqli-tainted-query
        var paged = conn.Query<Order>("SELECT * FROM Orders ORDER BY Id OFFSET " + page * 20 + " ROWS");
        return Ok(orders);
    }

    [HttpGet("{region}")]
    public IActionResult ByRegion([FromRoute] string region, [FromQuery] int limit)
    {
        // ruleid: csharp-sqli-tainted-query
        var rows = conn.Query<Order>(string.Format("SELECT * FROM Orders WHERE Region = '{0}'", region));
        // ok: csharp-sqli-tainted-query
        var top = conn.Query<Order>("SELECT TOP " + limit + " * FROM Orders");
        // ok: csharp-sqli-tainted-query
        var dapper = conn.Query<Order>("SELECT * FROM Orders WHERE Region = @region", new { region });
        return Ok(rows);
    }

    // Not an action: the framework never calls it with request data.
    [NonAction]
    public int Purge(string table)
    {
        // ok: csharp-sqli-tainted-query
        return db.Database.ExecuteSqlRaw("DELETE FROM " + table);
    }
}

public static class Endpoints
{
    public static void Map(WebApplication app)
    {
        // ruleid: csharp-sqli-tainted-query
        app.MapGet("/orders/{customer}", (string customer, ShopContext db) => db.Database.SqlQueryRaw<int>("SELECT Id FROM Orders WHERE Customer = '" + customer + "'"));
        // ok: csharp-sqli-tainted-query
        app.MapGet("/count/{n}", (int n, ShopContext db) => db.Database.SqlQueryRaw<int>("SELECT TOP " + n + " Id FROM Orders"));
    }
}
