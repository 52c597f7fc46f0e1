using System.Net;
using System.Net.Http.Json;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.SignUps;

/// <summary>An internationalised domain written in Unicode or in IDNA ASCII is one mailbox.</summary>
[Collection(AppCollection.Name)]
public sealed class EmailAddressFormsTests(AppFixture fixture)
{
    [Fact]
    public async Task SignUp_PunycodeDomain_IsAccepted_AndItsUnicodeFormIsTheSameAddress()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);
        var local = $"jan-{Guid.NewGuid():N}";

        var ascii = await SignUpFlow.PostAsync(fixture, activity.Id, "Jan Müller", $"{local}@xn--mller-kva.de");
        ascii.StatusCode.ShouldBe(HttpStatusCode.Created, await ascii.Content.ReadAsStringAsync());

        var unicode = await SignUpFlow.PostAsync(fixture, activity.Id, "Jan Müller", $"{local.ToUpperInvariant()}@MÜLLER.de");
        await unicode.ShouldBeProblemAsync(409, "alreadySignedUp");
    }

    [Fact]
    public async Task SignUp_UnicodeDomainFirst_ThenPunycode_IsTheSameAddress()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);
        var local = $"jan-{Guid.NewGuid():N}";

        var unicode = await SignUpFlow.PostAsync(fixture, activity.Id, "Jan Müller", $"{local}@müller.de");
        unicode.StatusCode.ShouldBe(HttpStatusCode.Created);

        var ascii = await SignUpFlow.PostAsync(fixture, activity.Id, "Jan Müller", $"{local}@xn--mller-kva.de");
        await ascii.ShouldBeProblemAsync(409, "alreadySignedUp");
    }

    [Fact]
    public async Task RegisterActivity_PunycodeContactAddress_IsAccepted()
    {
        var body = ActivityBodies.Valid(fixture.Edition, contactEmail: $"fatima-{Guid.NewGuid():N}@xn--mller-kva.de");

        var response = await fixture.Public.PostAsJsonAsync("/api/activities", body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("jan@xn--.de")]
    [InlineData("jan@-müller.de")]
    [InlineData("jan@müller")]
    public async Task SignUp_InvalidDomain_Returns422(string address)
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);

        await (await SignUpFlow.PostAsync(fixture, activity.Id, "Jan", address)).ShouldBeValidationProblemAsync("email");
    }
}
