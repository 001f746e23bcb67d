using System.IO;
using System.Runtime.Serialization.Formatters.Binary;
using Newtonsoft.Json;

public class SessionStore
{
    public object Load(Stream body)
    {
        // ruleid: csharp-unsafe-deserialization
        var formatter = new BinaryFormatter();
        var settings = new JsonSerializerSettings
        {
            // ruleid: csharp-unsafe-deserialization
            TypeNameHandling = TypeNameHandling.All
        };
        var strict = new JsonSerializerSettings
        {
            // ok: csharp-unsafe-deserialization
            TypeNameHandling = TypeNameHandling.None
        };
        // ok: csharp-unsafe-deserialization
        return System.Text.Json.JsonSerializer.Deserialize<Session>(body);
    }
}
