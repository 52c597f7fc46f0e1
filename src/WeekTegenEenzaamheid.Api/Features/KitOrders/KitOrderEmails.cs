using System.Globalization;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Email;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>The e-mails about a kit order to the activity's contact, in Dutch.</summary>
public static class KitOrderEmails
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static OutgoingEmail Received(KitOrderRow order, IEnumerable<KitOrderLineRow> lines, ActivityRow activity) =>
        new EmailComposer($"We hebben je bestelling van het Kom-Erbij pakket ontvangen ({order.Reference})")
            .Paragraph($"Beste {activity.ContactName},")
            .Paragraph($"Dank je wel voor je bestelling van het Kom-Erbij pakket voor je activiteit \"{activity.Title}\". "
                + "We pakken het in en sturen je een e-mail met de track-and-trace-link zodra het onderweg is.")
            .Facts(Facts(order, lines, activity))
            .Paragraph("Wil je de bestelling annuleren? Dat kan zolang het pakket nog niet wordt ingepakt, "
                + $"via het beheer van je activiteit. Noem bij vragen je bestelnummer {order.Reference}.")
            .To($"kit-order-received:{order.Id}", activity.ContactEmail!, activity.ContactName);

    public static OutgoingEmail Backordered(KitOrderRow order, IEnumerable<KitOrderLineRow> lines, ActivityRow activity) =>
        new EmailComposer($"Je Kom-Erbij pakket wacht op nieuwe voorraad ({order.Reference})")
            .Paragraph($"Beste {activity.ContactName},")
            .Paragraph("Op dit moment is niet alles uit je bestelling op voorraad. Je bestelling staat in de wachtrij: "
                + "zodra er nieuwe voorraad binnenkomt, gaan de bestellingen mee in de volgorde waarin ze zijn binnengekomen. "
                + "Je krijgt een e-mail zodra je pakket onderweg is.")
            .Facts(Facts(order, lines, activity))
            .Paragraph("Heb je het pakket niet meer nodig? Annuleer de bestelling dan via het beheer van je activiteit, "
                + "zodat de materialen naar een ander kunnen.")
            .To($"kit-order-backordered:{order.Id}", activity.ContactEmail!, activity.ContactName);

    public static OutgoingEmail Shipped(KitOrderRow order, ActivityRow activity)
    {
        var email = new EmailComposer($"Je Kom-Erbij pakket is onderweg ({order.Reference})")
            .Paragraph($"Beste {activity.ContactName},")
            .Paragraph($"Je Kom-Erbij pakket voor \"{activity.Title}\" is verzonden.")
            .Facts([
                ("Bestelnummer", order.Reference),
                ("Vervoerder", order.Carrier),
                ("Trackingnummer", order.TrackingNumber),
                ("Bezorgadres", Address(order)),
            ]);
        var url = TrackAndTrace.Url(order.Carrier!, order.TrackingNumber!, order.Postcode);
        if (url is not null)
        {
            email.Link("Volg je pakket", url);
        }

        return email
            .Paragraph("Veel plezier met de voorbereidingen van je activiteit!")
            .To($"kit-order-shipped:{order.Id}", activity.ContactEmail!, activity.ContactName);
    }

    public static OutgoingEmail DeliveryFailed(KitOrderRow order, ActivityRow activity)
    {
        var email = new EmailComposer($"Je Kom-Erbij pakket kon niet worden bezorgd ({order.Reference})")
            .Paragraph($"Beste {activity.ContactName},")
            .Paragraph($"De vervoerder heeft je Kom-Erbij pakket voor \"{activity.Title}\" niet kunnen bezorgen op {Address(order)}.")
            .Facts([("Bestelnummer", order.Reference), ("Vervoerder", order.Carrier), ("Trackingnummer", order.TrackingNumber)]);
        var url = TrackAndTrace.Url(order.Carrier!, order.TrackingNumber!, order.Postcode);
        if (url is not null)
        {
            email.Link("Bekijk wat de vervoerder met je pakket doet", url);
        }

        return email
            .Paragraph("Klopt het adres niet, of lukt het niet om het pakket op te halen? "
                + $"Beantwoord deze e-mail en noem je bestelnummer {order.Reference}; we zoeken samen naar een oplossing.")
            .To($"kit-order-delivery-failed:{order.Id}", activity.ContactEmail!, activity.ContactName);
    }

    public static OutgoingEmail CancelledByStaff(KitOrderRow order, ActivityRow activity, string reason) =>
        new EmailComposer($"Je bestelling van het Kom-Erbij pakket is geannuleerd ({order.Reference})")
            .Paragraph($"Beste {activity.ContactName},")
            .Paragraph($"Het magazijn heeft je bestelling van het Kom-Erbij pakket voor \"{activity.Title}\" geannuleerd.")
            .Paragraph($"Reden: {reason}")
            .Paragraph("Denk je dat dit een vergissing is? Beantwoord dan deze e-mail.")
            .To($"kit-order-cancelled:{order.Id}", activity.ContactEmail!, activity.ContactName);

    public static string Address(KitOrderRow order) =>
        $"{order.Recipient}, {order.Street} {order.HouseNumber}, {order.Postcode} {order.City}";

    public static string Contents(IEnumerable<KitOrderLineRow> lines) =>
        string.Join(", ", lines.Select(line => $"{line.Quantity} × {line.Name}"));

    private static IEnumerable<(string, string?)> Facts(KitOrderRow order, IEnumerable<KitOrderLineRow> lines, ActivityRow activity)
    {
        yield return ("Bestelnummer", order.Reference);
        yield return ("Activiteit", activity.Title);
        yield return ("Inhoud", Contents(lines));
        yield return ("Bezorgadres", Address(order));
        yield return ("Gewenste leverdatum", order.WishedDeliveryDate?.ToString("dddd d MMMM yyyy", Dutch));
    }
}
