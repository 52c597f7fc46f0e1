using System.Data;
using System.Globalization;
using Dapper;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// One representation per kind of value, on every provider:
/// ids are <see cref="Guid"/> (TEXT on SQLite, UNIQUEIDENTIFIER on SQL Server, uuid on PostgreSQL);
/// instants are UTC <see cref="DateTimeOffset"/> (sortable ISO text on SQLite, DATETIMEOFFSET on SQL Server,
/// timestamptz on PostgreSQL); calendar dates are <see cref="DateOnly"/> (ISO text on SQLite, DATE on the others);
/// booleans are INTEGER 0/1 on SQLite, BIT on SQL Server and boolean on PostgreSQL, which Dapper converts by itself.
/// </summary>
public static class TypeHandlers
{
    private static readonly Lock Gate = new();
    private static DatabaseProvider? registered;

    public static void Register(DatabaseProvider provider)
    {
        lock (Gate)
        {
            if (registered == provider)
            {
                return;
            }

            if (registered is not null)
            {
                throw new InvalidOperationException("Dapper's type map is process-wide: one provider per process.");
            }

            // Dapper consults its built-in type map before custom handlers, so the built-in entries go.
            SqlMapper.RemoveTypeMap(typeof(DateOnly));
            SqlMapper.RemoveTypeMap(typeof(DateOnly?));
            SqlMapper.AddTypeHandler(typeof(DateOnly), new DateOnlyHandler(provider));
            if (provider == DatabaseProvider.Sqlite)
            {
                SqlMapper.RemoveTypeMap(typeof(Guid));
                SqlMapper.RemoveTypeMap(typeof(Guid?));
                SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
                SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
                SqlMapper.AddTypeHandler(new SqliteGuidHandler());
                SqlMapper.AddTypeHandler(new SqliteInstantHandler());
            }
            else
            {
                // Npgsql writes a DateTimeOffset as timestamptz only when its offset is zero, and reads
                // timestamptz back as a UTC DateTime: the handler sends UTC and turns what comes back into
                // an offset of zero, as SQL Server's DATETIMEOFFSET does. Guids map to uuid natively.
                SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
                SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
                SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new TypedInstantHandler());
            }

            registered = provider;
        }
    }

    public const string SqliteInstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToSqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(SqliteInstantFormat, CultureInfo.InvariantCulture);

    private sealed class SqliteGuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("D");
        }

        public override Guid Parse(object value) => value switch
        {
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => (Guid)value,
        };
    }

    private sealed class SqliteInstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = ToSqliteText(value);
        }

        public override DateTimeOffset Parse(object value) =>
            DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    // The typed handlers implement ITypeHandler itself: a TypeHandler<T> never sees a null, which Dapper then
    // sends untyped, and PostgreSQL cannot tell what "@From IS NULL" compares (42P08). Typed, it can.
    private sealed class TypedInstantHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value is DateTimeOffset instant ? instant.ToUniversalTime() : DBNull.Value;
        }

        public object Parse(Type destinationType, object value) => value switch
        {
            DateTimeOffset instant => instant.ToUniversalTime(),
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read an instant from {value.GetType()}."),
        };
    }

    private sealed class DateOnlyHandler(DatabaseProvider provider) : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value is DateOnly date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value is DateOnly date ? date.ToDateTime(TimeOnly.MinValue) : DBNull.Value;
            }
        }

        public object Parse(Type destinationType, object value) => value switch
        {
            string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            DateOnly date => date,
            _ => throw new DataException($"Cannot read a date from {value.GetType()}."),
        };
    }
}
