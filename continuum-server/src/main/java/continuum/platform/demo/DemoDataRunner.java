package continuum.platform.demo;

import java.util.Comparator;
import java.util.List;

import continuum.platform.DemoDataContributor;
import continuum.platform.DemoDataContributor.DemoSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each contributor that has not yet seeded, in order, recording it in the same
 * transaction. That transaction first takes a transaction-scoped advisory lock and looks
 * again, so that server nodes starting together on an empty database seed once: the
 * others wait for the lock and then find the part seeded.
 */
public class DemoDataRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

	private final List<DemoDataContributor> contributors;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	public DemoDataRunner(List<DemoDataContributor> contributors, JdbcClient jdbc, TransactionTemplate transactions) {
		this.contributors = contributors.stream().sorted(Comparator.comparingInt(DemoDataContributor::order)).toList();
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Seeds what is missing; returns the number of contributors that ran. */
	public int seed(DemoSize size) {
		int ran = 0;
		for (DemoDataContributor contributor : contributors) {
			if (seeded(contributor)) {
				continue;
			}
			long started = System.nanoTime();
			Boolean seeded = transactions.execute(status -> {
				jdbc.sql("select pg_advisory_xact_lock(hashtext('demo_seed'))").query().singleRow();
				if (seeded(contributor)) {
					return false;
				}
				contributor.seed(size);
				jdbc.sql("insert into demo_seed (name, patients) values (:name, :patients)")
					.param("name", contributor.name())
					.param("patients", size.patients())
					.update();
				return true;
			});
			if (Boolean.TRUE.equals(seeded)) {
				log.info("Demo data '{}' seeded in {} ms", contributor.name(),
						(System.nanoTime() - started) / 1_000_000);
				ran++;
			}
		}
		return ran;
	}

	private boolean seeded(DemoDataContributor contributor) {
		return jdbc.sql("select count(*) from demo_seed where name = :name")
			.param("name", contributor.name())
			.query(Long.class)
			.single() > 0;
	}

}
