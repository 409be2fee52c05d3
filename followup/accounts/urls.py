from django.urls import path

from followup.accounts import password_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
    path("language/", views.language_switch, name="language"),
    path("profile/", views.profile, name="profile"),
    path("profile/password/", password_views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", password_views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", password_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", password_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/done/", password_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("people/choices/", views.people_choices, name="people_choices"),
]
