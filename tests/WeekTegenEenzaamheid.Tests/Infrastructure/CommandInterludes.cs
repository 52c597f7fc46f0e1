using System.Collections.Concurrent;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>
/// Something another request does between a request's sign-in check and its handler, when a test arms it for a command
/// type: it runs once, in the command's own transaction, just before the handler. That makes an interleaving a race would
/// need (another admin's change committed after this request was let in) happen every time, without depending on timing.
/// </summary>
public sealed class CommandInterludes
{
    private readonly ConcurrentDictionary<Type, Func<DbSession, object, Task>> armed = new();

    /// <summary>Runs <paramref name="interlude"/> once, before the next <typeparamref name="TCommand"/>'s handler.</summary>
    public void Once<TCommand>(Func<DbSession, TCommand, Task> interlude) =>
        armed[typeof(TCommand)] = (session, command) => interlude(session, (TCommand)command);

    internal Func<DbSession, object, Task>? Take(Type command) => armed.TryRemove(command, out var interlude) ? interlude : null;
}

/// <summary>Registered after the app's behaviors, so it runs innermost: inside the command's transaction.</summary>
public sealed class InterludeBehavior<TRequest, TResponse>(CommandInterludes interludes, DbSession session)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (interludes.Take(typeof(TRequest)) is { } interlude)
        {
            await interlude(session, request!);
        }

        return await next();
    }
}
