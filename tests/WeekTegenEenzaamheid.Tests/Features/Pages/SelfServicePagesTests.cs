using System.Net;
using AngleSharp.Dom;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

/// <summary>Issue 14, "Self-service": the erase buttons on the participant's cancel page and the initiator's manage page.</summary>
[Collection(AppCollection.Name)]
public sealed class SelfServicePagesTests(AppFixture fixture)
{
    [Fact]
    public async Task CancelPage_EraseMyData_AsksFirst_ThenErasesTheNameAndTheLinkStopsWorking()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Greet Visser");
        var token = await SignUpFlow.CancelTokenAsync(fixture, signUp);
        var client = fixture.App.CreateClient();
        var link = $"/aanmeldingen/{signUp.Id}/annuleren?token={Uri.EscapeDataString(token)}";
        var page = await PageClient.GetAsync(client, link);
        var button = page.FormWithButton("Verwijder mijn gegevens");
        button.Method.ShouldBe("get");

        var ask = await PageClient.GetAsync(client, $"{button.GetAttribute("action")}?token={Uri.EscapeDataString(token)}");

        ask.Heading().ShouldBe("Mijn gegevens verwijderen");
        var steps = ask.QuerySelector("main")!.TextContent;
        steps.ShouldContain("De aanmelding wordt geannuleerd");
        steps.ShouldContain("Je naam en e-mailadres worden gewist");
        steps.ShouldContain("Daarna werkt deze link niet meer");
        (await SignUpFlow.GetAsync(fixture, signUp.Id, token))["status"]!.GetValue<string>().ShouldBe("confirmed");

        var response = await PageClient.SubmitAsync(client, ask, "Ja, verwijder mijn gegevens");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var done = await PageClient.ParseAsync(response);
        done.Heading().ShouldBe("Je gegevens zijn gewist");
        done.QuerySelector("main")!.TextContent.ShouldContain("Je aanmelding is geannuleerd. Je naam en e-mailadres zijn gewist");
        (await PageClient.GetAsync(client, link, HttpStatusCode.NotFound)).Heading().ShouldBe("Link niet geldig");
        var person = await (await fixture.Admin.GetAsync($"/api/admin/persons?email={Uri.EscapeDataString(signUp.Email)}")).ReadJsonAsync();
        person["signUps"]!.AsArray().ShouldBeEmpty();
        (await SignUpFlow.ManagedAsync(fixture, activity))["signUps"]!["confirmedSeats"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task EraseStep_WithAWrongToken_ShowsThatTheLinkIsNotValid_AndErasesNothing()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var token = await SignUpFlow.CancelTokenAsync(fixture, signUp);

        var ask = await fixture.Public.GetAsync($"/aanmeldingen/{signUp.Id}/gegevens-wissen?token=wrong");
        var post = await PageClient.PostFormAsync(fixture.Public, $"/aanmeldingen/{signUp.Id}/gegevens-wissen", ("token", "wrong"));

        ask.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await post.Content.ReadAsStringAsync()).ShouldContain("Link niet geldig");
        (await SignUpFlow.GetAsync(fixture, signUp.Id, token))["status"]!.GetValue<string>().ShouldBe("confirmed");
    }

    [Fact]
    public async Task ManagePage_ForAnUpcomingActivity_HasNoEraseSection_AndTheStepGoesBack()
    {
        var (client, activity, page) = await ManageAsync();

        page.QuerySelectorAll("h2").Select(h => h.Text()).ShouldNotContain("Gegevens wissen");
        var step = await PageClient.GetAsync(client, $"/beheer/activiteiten/{activity.Id}/gegevens-wissen");
        step.Heading().ShouldBe(page.Heading());
        step.QuerySelectorAll("form").Any(f => f.TextContent.Contains("Ja, wis de gegevens")).ShouldBeFalse();
    }

    [Fact]
    public async Task ManagePage_AfterCancelling_EraseData_AsksFirst_ThenErasesTheParticipantsNames()
    {
        var (client, activity, page) = await ManageAsync();
        var guest = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Karin Smit");
        await fixture.Smtp.WaitForAsync(guest.Email);
        var askCancel = await PageClient.GetAsync(client,
            page.QuerySelectorAll("a").Single(a => a.Text() == "Activiteit annuleren").GetAttribute("href")!);
        (await PageClient.SubmitAsync(client, askCancel, "Ja, annuleer de activiteit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await fixture.Smtp.WaitForAsync(guest.Email, 2);
        var cancelled = await PageClient.GetAsync(client, $"/beheer/activiteiten/{activity.Id}");
        cancelled.QuerySelectorAll("h2").Select(h => h.Text()).ShouldContain("Gegevens wissen");

        var ask = await PageClient.GetAsync(client,
            cancelled.QuerySelectorAll("a").Single(a => a.Text() == "Gegevens wissen").GetAttribute("href")!);

        ask.Heading().ShouldBe("Gegevens wissen");
        ask.QuerySelector("main")!.TextContent.ShouldContain("De namen en e-mailadressen van alle deelnemers worden gewist");
        var response = await PageClient.SubmitAsync(client, ask, "Ja, wis de gegevens");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var done = await PageClient.ParseAsync(response);
        done.Heading().ShouldBe("Gegevens gewist");
        done.QuerySelector("main")!.TextContent.ShouldContain("De namen en e-mailadressen van 1 aanmeldingen zijn gewist");
        var person = await (await fixture.Admin.GetAsync($"/api/admin/persons?email={Uri.EscapeDataString(guest.Email)}")).ReadJsonAsync();
        person["signUps"]!.AsArray().ShouldBeEmpty();
        (await SignUpFlow.ManagedAsync(fixture, activity))["organiser"]!["contactName"].ShouldBeNull();
    }

    private async Task<(HttpClient Client, RegisteredActivity Activity, IDocument Page)> ManageAsync()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var client = fixture.App.CreateClient();
        var page = await PageClient.GetAsync(client,
            $"/beheer/activiteiten/{activity.Id}?token={Uri.EscapeDataString(activity.ManageToken)}");
        return (client, activity, page);
    }
}
