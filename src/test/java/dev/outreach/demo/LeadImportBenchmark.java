package dev.outreach.demo;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.outreach.bench.BenchAccess;
import dev.outreach.lead.ColumnMapping;
import dev.outreach.lead.ImportOptions;
import dev.outreach.lead.ImportReport;
import dev.outreach.lead.LeadImportService;
import dev.outreach.security.SystemActor;
import java.io.Reader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark, not a test (run by bench/run.sh): CSV import of realistic leads into PostgreSQL
 * through {@link LeadImportService}, for two file sizes. Reports rows per second against
 * PostgreSQL's COPY of the same file in the same run (the ceiling), and the peak live heap
 * (largest heap in use right after a garbage collection), which must not grow with file size.
 */
public final class LeadImportBenchmark {

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        int[] sizes = {Integer.getInteger("bench.small", 20_000), Integer.getInteger("bench.large", 100_000)};
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.US, "%-10s %14s %14s %8s %14s %16s %16s", "rows", "import rows/s", "COPY rows/s",
                "ratio", "heap before", "peak live heap", "peak heap used"));
        try (ConfigurableApplicationContext app = BenchAccess.start(true)) {
            LeadImportService importer = app.getBean(LeadImportService.class);
            DataSource dataSource = app.getBean(DataSource.class);
            HeapWatch heap = new HeapWatch();
            for (int rows : sizes) {
                Path csv = Files.createTempFile("bench-leads-" + rows, ".csv");
                DemoLeads.write(csv, rows);
                truncate(dataSource);
                System.gc();
                long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                heap.reset();
                long start = System.nanoTime();
                ImportReport report = SystemActor.call(() -> importer.importLeads(csv, ColumnMapping.guess(DemoLeads.HEADERS),
                        new ImportOptions(ImportOptions.InvalidRows.IMPORT_VALID_ONLY, ImportOptions.Duplicates.SKIP, "BENCH", null, false),
                        read -> heap.sample()));
                double seconds = (System.nanoTime() - start) / 1e9;
                if (report.created() != rows) {
                    throw new IllegalStateException("imported " + report.created() + " of " + rows + ": " + report.problems());
                }
                double copy = copyRowsPerSecond(dataSource, csv, rows);
                double importRate = rows / seconds;
                lines.add(String.format(Locale.US, "%-10d %14.0f %14.0f %8.3f %11.1f MB %13.1f MB %13.1f MB", rows,
                        importRate, copy, importRate / copy, before / 1e6, heap.peakLive() / 1e6, heap.peakUsed() / 1e6));
                Files.delete(csv);
            }
        }
        lines.forEach(System.out::println);
        Files.write(results.resolve("lead-import.txt"), lines);
        System.exit(0);
    }

    private static void truncate(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate lead cascade");
        }
    }

    /** The ceiling: PostgreSQL's COPY of the same file into a table shaped like the CSV. */
    private static double copyRowsPerSecond(DataSource dataSource, Path csv, int rows) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_copy");
            statement.execute("""
                    create table bench_copy (first_name varchar(100), last_name varchar(100), email varchar(320),
                        phone varchar(40), company varchar(200), title varchar(150), industry varchar(100),
                        city varchar(100), state varchar(100), time_zone varchar(64), website varchar(500),
                        linkedin varchar(500), employees integer, annual_revenue bigint, status varchar(20))""");
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(csv)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_copy from stdin with (format csv, header true)", reader);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("drop table bench_copy");
            return rows / seconds;
        }
    }

    /** Tracks the heap after every garbage collection (the live set) and the largest sampled use. */
    static final class HeapWatch {

        private final AtomicLong peakLive = new AtomicLong();
        private final AtomicLong peakUsed = new AtomicLong();

        HeapWatch() {
            java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                    .map(java.lang.management.MemoryPoolMXBean::getName)
                    .collect(java.util.stream.Collectors.toSet());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long live = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(pool -> heapPools.contains(pool.getKey()))
                                .mapToLong(pool -> pool.getValue().getUsed()).sum();
                        peakLive.accumulateAndGet(live, Math::max);
                    }
                }, null, null);
            }
        }

        void reset() {
            peakLive.set(0);
            peakUsed.set(0);
        }

        void sample() {
            peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        }

        long peakLive() {
            return peakLive.get();
        }

        long peakUsed() {
            return peakUsed.get();
        }
    }
}
