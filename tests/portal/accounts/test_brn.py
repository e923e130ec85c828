import pytest
from django.core.exceptions import ValidationError

from portal.accounts.models.validators import brn_check_digit, normalise_brn

# Published registration numbers of large Korean companies (public information): the check digit holds.
REAL = ["124-81-00998", "220-81-62517", "120-81-47521", "107-81-55843", "214-87-00987"]


@pytest.mark.parametrize("brn", REAL)
def test_real_numbers_pass_and_normalise(brn):
    assert normalise_brn(brn) == brn
    assert normalise_brn(brn.replace("-", "")) == brn
    assert normalise_brn(f"  {brn.replace('-', ' ')} ") == brn


@pytest.mark.parametrize("brn", REAL)
def test_every_wrong_check_digit_is_refused(brn):
    digits = brn.replace("-", "")
    for wrong in set("0123456789") - {digits[9]}:
        with pytest.raises(ValidationError) as caught:
            normalise_brn(digits[:9] + wrong)
        assert caught.value.code == "brn_check_digit"


@pytest.mark.parametrize("bad", ["", "123", "124-81-0099", "124-81-009988", "12a-81-00998", "１２４８１００９９８", None])
def test_malformed_numbers_are_refused_with_format_message(bad):
    with pytest.raises(ValidationError) as caught:
        normalise_brn(bad)
    assert caught.value.code == "brn_format"


def test_check_digit_uses_the_ninth_digit_times_five_rule():
    # weights 1,3,7,1,3,7,1,3,5 on 1,2,4,8,1,0,0,9,9: sum=1+6+28+8+3+0+0+27+45=118, +4 = 122, (10 - 2) % 10 = 8
    assert brn_check_digit("124810099") == 8
