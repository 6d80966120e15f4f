package continuum.changes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import continuum.ContinuumIntegrationTest;
import continuum.QueryPlans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The change feed is ordered and gap-free for a reader that follows it while many writers
 * commit.
 */
@ContinuumIntegrationTest
class ChangeFeedIntegrationTests {

	@Autowired
	ChangeFeed feed;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void followingReaderNeverSkipsAChangeUnderConcurrentWriters() throws Exception {
		int writers = 8;
		int perWriter = 150;
		String type = "FeedProbe" + System.nanoTime() % 100000;
		Set<String> committed = ConcurrentHashMap.newKeySet();
		List<Change> seen = new ArrayList<>();
		long start = feed.head();
		ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
		CountDownLatch go = new CountDownLatch(1);
		AtomicBoolean writing = new AtomicBoolean(true);
		List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			int writer = w;
			futures.add(pool.submit(() -> {
				go.await();
				for (int i = 0; i < perWriter; i++) {
					String id = writer + "-" + i;
					// Some transactions do extra work before committing, so commit order
					// differs from insert order.
					transactions.executeWithoutResult(s -> {
						feed.append(type, id, null, ChangeOperation.CREATE);
						if (id.hashCode() % 3 == 0) {
							Thread.onSpinWait();
						}
					});
					committed.add(id);
				}
				return null;
			}));
		}
		go.countDown();
		// The reader follows the feed from its position while the writers are busy, like
		// a downtime node would.
		long position = start;
		while (writing.get()) {
			for (Change change : feed.readAfter(position, 200)) {
				assertThat(change.seq()).isEqualTo(position + 1);
				position = change.seq();
				seen.add(change);
			}
			writing.set(futures.stream().anyMatch(f -> !f.isDone()));
		}
		for (var future : futures) {
			future.get(60, TimeUnit.SECONDS);
		}
		long[] last = { position };
		await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
			for (Change change : feed.readAfter(last[0], 1000)) {
				assertThat(change.seq()).isEqualTo(last[0] + 1);
				last[0] = change.seq();
				seen.add(change);
			}
			Set<String> mine = new HashSet<>();
			seen.stream().filter(c -> c.resourceType().equals(type)).forEach(c -> mine.add(c.resourceId()));
			assertThat(mine).hasSize(writers * perWriter).containsAll(committed);
		});
		pool.shutdown();
	}

	@Test
	void rolledBackChangesNeverAppear() {
		String type = "RolledBack" + System.nanoTime() % 100000;
		transactions.executeWithoutResult(s -> {
			feed.append(type, "1", null, ChangeOperation.UPDATE);
			s.setRollbackOnly();
		});
		feed.sequencePending();
		assertThat(feed.readAfter(0, 5000)).noneMatch(c -> c.resourceType().equals(type));
	}

	/**
	 * A round of the sequencer reads the rows it numbers and no others, whatever the
	 * planner believes about how many rows wait: its statistics for them are always
	 * stale. The single statement it used before joined the waiting rows to the feed;
	 * after an analyze that saw a backlog, every later round, even of a few rows, read
	 * the whole feed.
	 */
	@Test
	void aSequencerRoundReadsOnlyTheRowsItNumbersWhateverTheStatisticsSay() {
		transactions.executeWithoutResult(status -> {
			// A feed long enough that reading all of it is a different plan from probing
			// the waiting rows; its positions are negative, clear of the real ones.
			jdbc.sql("""
					insert into change_feed (seq, resource_type, resource_id, operation, changed_at)
					select -1000000 - g, 'PlanBulk', g::text, 'CREATE', now() from generate_series(1, 50000) g""")
				.update();
			long feedRows = jdbc.sql("select count(*) from change_feed").query(Long.class).single();
			// Statistics that say no row waits, while 3,000 do.
			jdbc.sql("analyze change_feed").update();
			for (int i = 0; i < 3000; i++) {
				feed.append("PlanProbe", Integer.toString(i), null, ChangeOperation.CREATE);
			}
			RoundReads backlog = round();
			assertThat(backlog.numbered()).isEqualTo(3000);
			assertThat(backlog.taking()).isLessThanOrEqualTo(3001);
			assertThat(backlog.numbering()).isLessThanOrEqualTo(feedRows + 3000);
			// Statistics that say 3,000 rows wait, while 5 do.
			jdbc.sql("analyze change_feed").update();
			jdbc.sql("""
					with waiting as (select id, row_number() over (order by id) as n from change_feed where seq is null)
					update change_feed f set seq = -100 - w.n from waiting w where f.id = w.id and w.n <= 2995""")
				.update();
			RoundReads few = round();
			assertThat(few.numbered()).isEqualTo(5);
			assertThat(few.taking()).isLessThanOrEqualTo(6);
			assertThat(few.numbering()).isEqualTo(5);
			status.setRollbackOnly();
		});
	}

	/** Rows of the feed read by one round's two statements, explained and undone. */
	private RoundReads round() {
		jdbc.sql("savepoint round").update();
		JsonNode take = QueryPlans.analyze(jdbc, ChangeFeedRepository.TAKE_BATCH, Map.of("batch", 5000));
		List<Long> ids = jdbc.sql("select id from change_feed where seq is null order by id").query(Long.class).list();
		Long[] positions = new Long[ids.size()];
		for (int i = 0; i < positions.length; i++) {
			positions[i] = -1L - i; // clear of the real positions too
		}
		JsonNode number = QueryPlans.analyze(jdbc, ChangeFeedRepository.NUMBER,
				Map.of("ids", ids.toArray(Long[]::new), "positions", positions));
		jdbc.sql("rollback to savepoint round").update();
		return new RoundReads(ids.size(), QueryPlans.rowsRead(take, "change_feed"),
				QueryPlans.rowsRead(number, "change_feed"));
	}

	record RoundReads(int numbered, long taking, long numbering) {
	}

}
