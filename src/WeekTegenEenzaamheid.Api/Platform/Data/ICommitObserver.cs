namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// Told by <see cref="DbSession"/> after each of its transactions has committed (a command's, or one group of a
/// stepwise job), never after a rollback. Registered as a service; runs on the committing thread before the
/// session's after-commit actions. A failure is logged and swallowed: the commit stands.
/// </summary>
public interface ICommitObserver
{
    void Committed();
}
