package continuum.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs audited reads from several threads at once and checks that each one's audit row
 * was visible as soon as the read returned.
 */
final class ConcurrentReads {

	private ConcurrentReads() {
	}

	/**
	 * Calls {@code read} for ids {@code run-thread-i} from {@code threads} threads,
	 * {@code perThread} each; {@code read} answers how many audit rows of its id it sees
	 * once the read has returned, which must be exactly one every time.
	 */
	static void eachVisibleOnReturn(String run, int threads, int perThread, ToIntFunction<String> read)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					int visibleOnReturn = 0;
					for (int i = 0; i < perThread; i++) {
						visibleOnReturn += read.applyAsInt(run + "-" + thread + "-" + i);
					}
					return visibleOnReturn;
				}));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(perThread);
			}
		}
		finally {
			pool.shutdown();
		}
	}

}
