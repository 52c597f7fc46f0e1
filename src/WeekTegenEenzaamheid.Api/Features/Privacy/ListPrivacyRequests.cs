using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>"Did you erase me?": the recorded requests about one address, oldest first (empty when there are none).</summary>
public static class ListPrivacyRequests
{
    public sealed record Query(string? Email) : IQuery<IReadOnlyList<PrivacyRequestRecord>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(c => c.Email).NotEmpty().Must(ActivityRules.IsEmail)
            .WithMessage("E-mail must be an e-mail address.").OverridePropertyName("email");
    }

    internal sealed class Handler(PrivacyRequests requests) : IRequestHandler<Query, IReadOnlyList<PrivacyRequestRecord>>
    {
        public Task<IReadOnlyList<PrivacyRequestRecord>> Handle(Query request, CancellationToken cancellationToken) =>
            requests.ListAsync(ActivityRules.EmailKey(request.Email!.Trim())!, cancellationToken);
    }
}
