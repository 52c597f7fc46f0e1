namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class ActivityStatus
{
    public const string PendingVerification = "pendingVerification";
    public const string Published = "published";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";
}
