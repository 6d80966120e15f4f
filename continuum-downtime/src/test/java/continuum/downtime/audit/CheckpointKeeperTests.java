package continuum.downtime.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node keeps the checkpoint that reaches furthest: one from a server whose chain went
 * back is not kept, and the further one stays as the evidence.
 */
class CheckpointKeeperTests {

	JdbcClient db;

	CheckpointKeeper keeper;

	@BeforeEach
	void store() {
		db = JdbcClient
			.create(new DriverManagerDataSource("jdbc:h2:mem:checkpoints-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
		db.sql("""
				create table audit_checkpoint (position bigint primary key, checkpoint varchar(1000) not null,
				  received_at varchar(40) not null)""").update();
		keeper = new CheckpointKeeper(db, null, Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC));
	}

	private boolean keep(long position) {
		return keeper.keep(JsonMapper.shared()
			.readTree("{\"position\": " + position + ", \"hash\": \"" + "ab".repeat(32)
					+ "\", \"at\": \"2026-12-06T03:00:00Z\", \"keyedFrom\": 1, \"keyId\": \"0123456789abcdef\","
					+ " \"signature\": \"" + "cd".repeat(32) + "\"}"));
	}

	@Test
	void keepsTheFurthestAndRefusesOneThatGoesBack() {
		assertThat(keeper.newest()).isEmpty();
		assertThat(keep(10)).isTrue();
		assertThat(keep(12)).isTrue();
		assertThat(keep(12)).isFalse();
		assertThat(keep(11)).as("the server's chain went back").isFalse();
		assertThat(keeper.newest()).hasValueSatisfying(json -> assertThat(json).contains("\"position\":12"));
	}

	@Test
	void keepsTheNewestHundred() {
		for (int position = 1; position <= CheckpointKeeper.KEPT + 5; position++) {
			keep(position);
		}
		assertThat(db.sql("select count(*) from audit_checkpoint").query(Long.class).single())
			.isEqualTo(CheckpointKeeper.KEPT);
		assertThat(db.sql("select min(position) from audit_checkpoint").query(Long.class).single()).isEqualTo(6);
	}

	@Test
	void ignoresAnAnswerWithoutACheckpoint() {
		assertThat(keeper.keep(JsonMapper.shared().readTree("{}"))).isFalse();
		assertThat(keeper.newest()).isEmpty();
	}

}
