package dev.outreach.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes realistic, reproducible leads of US home-services contractors as CSV. */
final class DemoLeads {

    static final List<String> HEADERS = List.of("First name", "Last name", "Email", "Phone", "Company", "Title",
            "Industry", "City", "State", "Time zone", "Website", "LinkedIn", "Employees", "Annual revenue", "Status");

    private record City(String name, String state, String zone) {
    }

    private record Trade(String industry, List<String> words) {
    }

    private static final List<City> CITIES = List.of(
            new City("Austin", "TX", "America/Chicago"), new City("Dallas", "TX", "America/Chicago"),
            new City("Houston", "TX", "America/Chicago"), new City("San Antonio", "TX", "America/Chicago"),
            new City("Phoenix", "AZ", "America/Phoenix"), new City("Tucson", "AZ", "America/Phoenix"),
            new City("Denver", "CO", "America/Denver"), new City("Salt Lake City", "UT", "America/Denver"),
            new City("Boise", "ID", "America/Boise"), new City("Las Vegas", "NV", "America/Los_Angeles"),
            new City("San Diego", "CA", "America/Los_Angeles"), new City("Sacramento", "CA", "America/Los_Angeles"),
            new City("Portland", "OR", "America/Los_Angeles"), new City("Seattle", "WA", "America/Los_Angeles"),
            new City("Atlanta", "GA", "America/New_York"), new City("Charlotte", "NC", "America/New_York"),
            new City("Raleigh", "NC", "America/New_York"), new City("Tampa", "FL", "America/New_York"),
            new City("Orlando", "FL", "America/New_York"), new City("Jacksonville", "FL", "America/New_York"),
            new City("Nashville", "TN", "America/Chicago"), new City("Columbus", "OH", "America/New_York"),
            new City("Indianapolis", "IN", "America/Indiana/Indianapolis"), new City("Detroit", "MI", "America/Detroit"),
            new City("Chicago", "IL", "America/Chicago"), new City("Minneapolis", "MN", "America/Chicago"),
            new City("Kansas City", "MO", "America/Chicago"), new City("Oklahoma City", "OK", "America/Chicago"),
            new City("Pittsburgh", "PA", "America/New_York"), new City("Richmond", "VA", "America/New_York"),
            new City("Albuquerque", "NM", "America/Denver"), new City("Anchorage", "AK", "America/Anchorage"),
            new City("Honolulu", "HI", "Pacific/Honolulu"), new City("Boston", "MA", "America/New_York"));

    private static final List<Trade> TRADES = List.of(
            new Trade("HVAC", List.of("Heating & Air", "Comfort Systems", "HVAC", "Climate Control", "Air Conditioning")),
            new Trade("Plumbing", List.of("Plumbing", "Plumbing & Drain", "Rooter", "Pipe Pros", "Water Heaters")),
            new Trade("Roofing", List.of("Roofing", "Roofing & Exteriors", "Roof Systems", "Roofing Co.")),
            new Trade("Electrical", List.of("Electric", "Electrical Services", "Electrical Contractors", "Power & Light")),
            new Trade("Solar", List.of("Solar", "Solar Energy", "Sun Power Installers", "Solar & Battery")),
            new Trade("Landscaping", List.of("Landscaping", "Lawn & Garden")),
            new Trade("Pest control", List.of("Pest Control", "Exterminators")));

    private static final List<String> PREFIXES = List.of("Summit", "Blue Ridge", "Lone Star", "Apex", "Evergreen",
            "Patriot", "Precision", "Reliable", "All Seasons", "Cornerstone", "Heritage", "Frontier", "Pioneer",
            "Liberty", "Ironclad", "Canyon", "Prairie", "Harbor", "Keystone", "Redwood", "Silver State", "Bluebonnet",
            "Golden Valley", "True North", "Eagle", "Granite", "Sunbelt", "Cardinal", "Magnolia", "Mesa");

    private static final List<String> FIRST_NAMES = List.of("James", "Maria", "Robert", "Linda", "Michael", "Patricia",
            "David", "Jennifer", "Carlos", "Elizabeth", "Daniel", "Susan", "Jose", "Jessica", "Thomas", "Sarah",
            "Kevin", "Karen", "Brian", "Nancy", "Luis", "Lisa", "Jason", "Angela", "Ryan", "Michelle", "Eric",
            "Amanda", "Tyler", "Melissa", "Marcus", "Rachel", "Hector", "Brenda", "Travis", "Tiffany", "Wayne", "Gloria");

    private static final List<String> LAST_NAMES = List.of("Smith", "Johnson", "Williams", "Brown", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
            "Walker", "Hall", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill", "Flores", "Green",
            "Baker", "Nelson", "Carter", "Mitchell", "Ramirez", "Campbell", "Parker", "Evans", "Reyes", "Sullivan");

    private static final List<String> TITLES = List.of("Owner", "Owner", "Owner", "Founder", "President", "CEO",
            "General Manager", "Operations Manager", "Service Manager", "Office Manager", "Estimator",
            "Marketing Coordinator", "VP of Sales", "Co-Owner", "Director of Operations");

    private static final List<String> STATUSES = List.of("NEW", "NEW", "NEW", "NEW", "NEW", "NEW", "CONTACTED",
            "CONTACTED", "CONTACTED", "ENGAGED", "REPLIED", "UNSUBSCRIBED", "BOUNCED", "DISQUALIFIED");

    private DemoLeads() {
    }

    static void write(Path file, int count) throws IOException {
        Random random = new Random(20261121L);
        Set<String> emails = new HashSet<>();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(HEADERS.toArray(String[]::new)).get().print(writer)) {
            int written = 0;
            while (written < count) {
                City city = pick(random, CITIES);
                Trade trade = pick(random, TRADES);
                String company = pick(random, PREFIXES) + " " + pick(random, trade.words());
                String slug = company.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
                String first = pick(random, FIRST_NAMES);
                String last = pick(random, LAST_NAMES);
                String email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "@" + slug + ".example";
                if (!emails.add(email)) {
                    continue;
                }
                int employees = 2 + (int) Math.round(Math.abs(random.nextGaussian()) * 25);
                boolean hasLinkedin = random.nextInt(100) < 65;
                csv.printRecord(first, last, email,
                        String.format(Locale.US, "+1 (%03d) 555-%04d", 200 + random.nextInt(700), random.nextInt(10_000)),
                        company, pick(random, TITLES), trade.industry(), city.name(), city.state(), city.zone(),
                        "https://www." + slug + ".example",
                        hasLinkedin ? "https://www.linkedin.com/in/" + first.toLowerCase(Locale.ROOT) + "-"
                                + last.toLowerCase(Locale.ROOT) + "-" + (1000 + written) : "",
                        employees, employees * (90_000L + random.nextInt(60_000)), pick(random, STATUSES));
                written++;
            }
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
