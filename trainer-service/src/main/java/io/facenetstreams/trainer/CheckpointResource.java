package io.facenetstreams.trainer;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Serves checkpoint files to embedders and the evaluator on other hosts: {@code GET /checkpoints} lists the
 * versions kept, {@code GET /checkpoints/{version}} streams one file (whose sha256 the checkpoint event carries).
 */
@Path("/checkpoints")
public class CheckpointResource {

    @Inject
    TrainerService service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() throws IOException {
        CheckpointStore store = service.store();
        if (store == null) {
            return List.of();
        }
        return store.list().stream().map(CheckpointResource::describe).toList();
    }

    @GET
    @Path("{version}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response file(@PathParam("version") long version) {
        CheckpointStore store = service.store();
        java.nio.file.Path file = store == null ? null : store.directory().resolve(CheckpointStore.fileName(version));
        if (file == null || !Files.isRegularFile(file)) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                    .entity("checkpoint version " + version + " is not kept here (only the last few are)\n").build();
        }
        return Response.ok(file.toFile()).header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"").build();
    }

    private static Map<String, Object> describe(CheckpointInfo info) {
        return Map.of("version", info.version(), "epoch", info.epoch(), "sha256", info.sha256(), "sizeBytes", info.sizeBytes(),
                "architecture", info.architecture().cliName());
    }
}
