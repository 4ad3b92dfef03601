"""The generated response models under the ``cashfree_oneclick`` name (``PanScope``, ``AadhaarScope``,
``UnknownScope``...), with ``Unset``: the same import in a checkout and from the installed wheel,
where the generated package lives at ``cashfree_oneclick.generated_client``."""

from cashfree_oneclick_generated.models import *  # noqa: F403 - the generated package's own __all__
from cashfree_oneclick_generated.models import __all__ as _generated
from cashfree_oneclick_generated.types import UNSET, Unset

__all__ = [*_generated, "UNSET", "Unset"]
