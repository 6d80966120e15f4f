package continuum.platform.demo;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import continuum.ContinuumIntegrationTest;
import continuum.platform.DemoDataContributor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runners seeding at once, as two server nodes starting together on an empty database
 * do: a part is seeded once, and the second runner waits for it instead of failing on
 * {@code demo_seed}'s key.
 */
@ContinuumIntegrationTest
class DemoDataRunnerIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void twoRunnersStartingTogetherSeedAPartOnce() throws Exception {
		String name = "test-part-" + UUID.randomUUID();
		AtomicInteger seeded = new AtomicInteger();
		CountDownLatch bothAsked = new CountDownLatch(2);
		DemoDataContributor part = new DemoDataContributor() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public int order() {
				return 1000;
			}

			@Override
			public void seed(DemoSize size) {
				seeded.incrementAndGet();
				try {
					// Long enough for the other runner to find the part missing and wait.
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
		DemoDataContributor.DemoSize size = new DemoDataContributor.DemoSize(1, 1, "unused-password");
		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> {
			bothAsked.countDown();
			return new DemoDataRunner(List.of(part), jdbc, transactions).seed(size);
		});
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> {
			bothAsked.countDown();
			return new DemoDataRunner(List.of(part), jdbc, transactions).seed(size);
		});
		assertThat(bothAsked.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS))).containsExactlyInAnyOrder(1,
				0);
		assertThat(seeded).hasValue(1);
		assertThat(jdbc.sql("select count(*) from demo_seed where name = :name")
			.param("name", name)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

}
