"""Versions of the learned layer, per referential version: at most one active at a time.

Applying a proposal adds a version and makes it active (the one before becomes superseded);
rolling back marks the active one rolled back and makes its predecessor active again (or no
layer at all). Both write their audit entry in the same transaction as the change, so the log
says who adopted which version, from which proposal, and when. Nothing here decides what to
learn: a person runs `cvparse feedback apply` on a proposal they reviewed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from cvparse.engine.learned import LearnedLayer
from cvparse.service.store.audit import add_entry
from cvparse.service.store.models import LearnedLayerRow

ACTIVE, SUPERSEDED, ROLLED_BACK = "active", "superseded", "rolled_back"


@dataclass(frozen=True, slots=True)
class Operator:
    """Who adopts a layer from the command line (ops have no account row): the audit entry's
    actor, with the name they gave."""

    name: str
    role: str = "ops"

    @property
    def id(self) -> None:  # the audit log's actor id is an account id: an operator has none
        return None


class LayerVersion(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    referential: str
    referential_checksum: str
    version: int
    digest: str
    state: str
    proposal: str
    created_by: str | None
    created_at: datetime
    payload: dict

    @property
    def layer(self) -> LearnedLayer:
        return LearnedLayer.from_dict(self.payload, version=self.version)


class LearnedStore:
    def __init__(self, engine: Engine) -> None:
        self._session = sessionmaker(engine, expire_on_commit=False)

    def active(self, referential_checksum: str) -> LearnedLayer | None:
        """The layer new drafts of that referential version are made with (None: none)."""
        with self._session() as session:
            row = self._active(session, referential_checksum)
            return LayerVersion.model_validate(row).layer if row else None

    def versions(self, referential_checksum: str) -> list[LayerVersion]:
        query = (select(LearnedLayerRow)
                 .where(LearnedLayerRow.referential_checksum == referential_checksum)
                 .order_by(LearnedLayerRow.version))
        with self._session() as session:
            return [LayerVersion.model_validate(r) for r in session.scalars(query)]

    def apply(self, layer: LearnedLayer, referential: str, proposal: str,
              operator: Operator) -> LayerVersion:
        """Add `layer` as the next version of its referential's layer and make it active."""
        checksum = layer.referential_checksum
        with self._session.begin() as session:
            last = session.scalar(select(func.max(LearnedLayerRow.version))
                                  .where(LearnedLayerRow.referential_checksum == checksum))
            version = (last or 0) + 1
            layer = replace(layer, version=version)
            previous = self._active(session, checksum)
            if previous is not None:
                previous.state = SUPERSEDED
            row = LearnedLayerRow(
                referential=referential, referential_checksum=checksum, version=version,
                digest=layer.digest, payload=layer.to_dict(), state=ACTIVE, proposal=proposal,
                created_by=operator.name,
            )
            session.add(row)
            add_entry(session, operator, "learned.apply", "learned_layer", checksum[:64],
                      before={"version": previous.version} if previous else None,
                      after={"version": version, "digest": layer.digest, "proposal": proposal,
                             "by": operator.name, "suppressions": len(layer.suppressions),
                             "additions": len(layer.additions),
                             "recalibrated": [k for k, _, _ in layer.calibration]})
            session.flush()
            return LayerVersion.model_validate(row)

    def rollback(self, referential_checksum: str, operator: Operator
                 ) -> tuple[LayerVersion, LayerVersion | None] | None:
        """Roll the active version back; its predecessor (the newest superseded version below
        it) becomes active again, or no layer at all. Returns (rolled back, now active), or
        None when no version is active."""
        with self._session.begin() as session:
            current = self._active(session, referential_checksum)
            if current is None:
                return None
            current.state = ROLLED_BACK
            previous = session.scalars(
                select(LearnedLayerRow)
                .where(LearnedLayerRow.referential_checksum == referential_checksum,
                       LearnedLayerRow.version < current.version,
                       LearnedLayerRow.state == SUPERSEDED)
                .order_by(LearnedLayerRow.version.desc())
            ).first()
            if previous is not None:
                previous.state = ACTIVE
            add_entry(session, operator, "learned.rollback", "learned_layer",
                      referential_checksum[:64], before={"version": current.version},
                      after={"version": previous.version if previous else None,
                             "by": operator.name})
            session.flush()
            return (LayerVersion.model_validate(current),
                    LayerVersion.model_validate(previous) if previous else None)

    @staticmethod
    def _active(session: Session, referential_checksum: str) -> LearnedLayerRow | None:
        return session.scalars(
            select(LearnedLayerRow).where(
                LearnedLayerRow.referential_checksum == referential_checksum,
                LearnedLayerRow.state == ACTIVE,
            )
        ).first()
