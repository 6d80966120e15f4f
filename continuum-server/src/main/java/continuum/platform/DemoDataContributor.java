package continuum.platform;

/**
 * A module's part of the deterministic demo hospital, seeded once on the first start of
 * an empty system. Contributors run in {@link #order()} (staff 10, wards and beds 20,
 * patients 30, encounters 40, later modules after), each in its own transaction, and each
 * is recorded so that a restart never seeds twice.
 */
public interface DemoDataContributor {

	/** A stable name recorded once this contributor has seeded. */
	String name();

	int order();

	void seed(DemoSize size);

	/** How much to generate: the default demo hospital or the benchmark population. */
	record DemoSize(int patients, long randomSeed, String password) {
	}

}
