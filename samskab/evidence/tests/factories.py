from __future__ import annotations

import factory

from samskab.evidence.models import EvidenceRequest, Grade, Intervention, ResearchSource


class InterventionFactory(factory.django.DjangoModelFactory[Intervention]):
    class Meta:
        model = Intervention

    title = factory.Sequence(lambda n: f"Indsats {n}")
    summary = "Ugentlige opkald til ensomme ældre."
    target_group = "Ældre over 75"


class SourceFactory(factory.django.DjangoModelFactory[ResearchSource]):
    class Meta:
        model = ResearchSource

    intervention = factory.SubFactory(InterventionFactory)
    citation = "Jensen m.fl. (2021): Telefonvenner. VIVE."
    design = Grade.RANDOMISED_TRIAL
    conclusion = "Mindre ensomhed efter seks måneder."


class RequestFactory(factory.django.DjangoModelFactory[EvidenceRequest]):
    class Meta:
        model = EvidenceRequest

    intervention = factory.SubFactory(InterventionFactory)
    question = "Virker det for borgere med demens?"
