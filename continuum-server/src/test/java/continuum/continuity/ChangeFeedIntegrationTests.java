package continuum.continuity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import continuum.ContinuumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

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

}
