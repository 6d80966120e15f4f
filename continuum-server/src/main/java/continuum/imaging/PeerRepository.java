package continuum.imaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The known DICOM peers (V462). */
@Repository
class PeerRepository {

	private final JdbcClient jdbc;

	PeerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<DicomPeer> all() {
		return jdbc.sql("""
				select ae_title, host, port, tls, may_store, may_find, may_retrieve, may_worklist, may_mpps, may_commit,
				       move_destination, description
				from dicom_peer order by ae_title""").query(PeerRepository::map).list();
	}

	void save(DicomPeer peer, String by, Instant now) {
		jdbc.sql("""
				insert into dicom_peer (ae_title, host, port, tls, may_store, may_find, may_retrieve, may_worklist,
				                        may_mpps, may_commit, move_destination, description, updated_by, updated_at)
				values (:ae, :host, :port, :tls, :store, :find, :retrieve, :worklist, :mpps, :commit, :destination,
				        :description, :by, :now)
				on conflict (ae_title) do update set host = excluded.host, port = excluded.port, tls = excluded.tls,
				       may_store = excluded.may_store, may_find = excluded.may_find,
				       may_retrieve = excluded.may_retrieve, may_worklist = excluded.may_worklist,
				       may_mpps = excluded.may_mpps, may_commit = excluded.may_commit,
				       move_destination = excluded.move_destination, description = excluded.description,
				       updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.param("ae", peer.aeTitle())
			.param("host", peer.host())
			.param("port", peer.port())
			.param("tls", peer.tls())
			.param("store", peer.store())
			.param("find", peer.find())
			.param("retrieve", peer.retrieve())
			.param("worklist", peer.worklist())
			.param("mpps", peer.mpps())
			.param("commit", peer.commit())
			.param("destination", peer.moveDestination())
			.param("description", peer.description())
			.param("by", by)
			.param("now", Timestamp.from(now))
			.update();
	}

	boolean delete(String aeTitle) {
		return jdbc.sql("delete from dicom_peer where ae_title = :ae").param("ae", aeTitle).update() > 0;
	}

	private static DicomPeer map(ResultSet rs, int row) throws SQLException {
		return new DicomPeer(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5),
				rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10),
				rs.getBoolean(11), rs.getString(12));
	}

}
