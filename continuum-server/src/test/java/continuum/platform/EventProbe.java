package continuum.platform;

import java.util.concurrent.CountDownLatch;

import continuum.patients.PatientsMerged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * A listener in another module, declared the way the continuity module's will be: after
 * commit, through the event publication registry. Not a component, so no test context
 * scans it: a {@link ServerProcess} has it only when started with
 * {@code SPRING_MAIN_SOURCES=continuum.platform.EventProbe}. It logs each delivery by
 * ids; with {@code CONTINUUM_EVENT_PROBE_HOLD=true} it never returns, like a node killed
 * in the middle of a listener.
 */
class EventProbe {

	private static final Logger log = LoggerFactory.getLogger(EventProbe.class);

	/** What a failing listener's exception says; never to be found in the log. */
	static final String FAILURE = "Event probe refused the merge of Peeters Anneleen";

	private final boolean hold;

	private final boolean fail;

	EventProbe(Environment environment) {
		this.hold = environment.getProperty("continuum.event-probe.hold", Boolean.class, false);
		this.fail = environment.getProperty("continuum.event-probe.fail", Boolean.class, false);
	}

	@ApplicationModuleListener
	void on(PatientsMerged event) throws InterruptedException {
		log.info("Event probe received PatientsMerged duplicate={} survivor={}", event.duplicate(), event.survivor());
		if (hold) {
			new CountDownLatch(1).await();
		}
		if (fail) {
			throw new IllegalStateException(FAILURE);
		}
		log.info("Event probe completed PatientsMerged duplicate={}", event.duplicate());
	}

}
