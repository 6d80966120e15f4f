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
 * transaction.
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
			boolean done = jdbc.sql("select count(*) from demo_seed where name = :name")
				.param("name", contributor.name())
				.query(Long.class)
				.single() > 0;
			if (done) {
				continue;
			}
			long started = System.nanoTime();
			transactions.executeWithoutResult(status -> {
				contributor.seed(size);
				jdbc.sql("insert into demo_seed (name, patients) values (:name, :patients)")
					.param("name", contributor.name())
					.param("patients", size.patients())
					.update();
			});
			log.info("Demo data '{}' seeded in {} ms", contributor.name(), (System.nanoTime() - started) / 1_000_000);
			ran++;
		}
		return ran;
	}

}
