package io.platinur.console;

import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.proposal.ProposalId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * The proposals a host application offers for Staging: the console shows one card per proposal and
 * applies them by id. The lane itself knows only what is staged; where proposals come from (an
 * assistant, a form, files on disk) is the host's business.
 */
public interface ProposalCatalog {

  /** Every proposal, in the order the page lists their cards. */
  Seq<Proposal> proposals();

  /**
   * Proposals the catalog holds but cannot offer (stored by hand, or by an older version whose
   * rules were laxer), each with why: the page shows them as {@code Invalid} cards, so it never
   * hides what {@code platinur status} lists. None by default.
   */
  default Seq<Refused> refused() {
    return List.empty();
  }

  /** A proposal the catalog cannot offer: its id as stored, and why (one line). */
  record Refused(String id, String reason) {
    public Refused {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The proposal with this id, if the catalog has one. */
  default Option<Proposal> find(ProposalId id) {
    return proposals().find(p -> p.id().equals(id));
  }

  /**
   * Adds a proposal that writes {@code content} to {@code path}, with the next free id; every
   * problem with the title or the path at once when it cannot be made. Catalogs that take no new
   * proposals answer so.
   */
  Validation<Seq<String>, Proposal> add(String title, String path, String content);

  /** A catalog in memory, starting with {@code initial}; new proposals get ids {@code p-1}, {@code p-2}, … */
  static ProposalCatalog inMemory(Iterable<Proposal> initial) {
    return new InMemory(List.ofAll(initial));
  }

  /** The in-memory catalog; safe to use from several threads. */
  final class InMemory implements ProposalCatalog {
    private List<Proposal> proposals;

    private InMemory(List<Proposal> initial) {
      this.proposals = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public synchronized Seq<Proposal> proposals() {
      return proposals;
    }

    @Override
    public synchronized Validation<Seq<String>, Proposal> add(String title, String path, String content) {
      int next = proposals.size() + 1;
      while (find(ProposalId.of("p-" + next)).isDefined()) {
        next++;
      }
      Validation<Seq<String>, Proposal> made =
          Proposal.builder(ProposalId.of("p-" + next), title).write(path, content).validate();
      made.forEach(proposal -> proposals = proposals.append(proposal));
      return made;
    }
  }
}
